# Miss (force-push): a force-push of the remote's default branch when it is not named main/master (trunk, v1.x) -> not caught.
set -e; B=${BELAY:-belay}; d=$(mktemp -d); cd $d
git init -q --bare origin.git; git clone -q origin.git work 2>/dev/null; cd work; git config user.email a@b; git config user.name a
git checkout -q -b trunk; echo 1 > a.txt; git add a.txt; git commit -qm one; echo 2 > b.txt; git add b.txt; git commit -qm two
git push -q origin trunk; git fetch -q; git remote set-head origin trunk; old=$(git rev-parse HEAD)
git commit -q --amend -m "two, rewritten"
set +e; echo "refs/heads/trunk $(git rev-parse HEAD) refs/heads/trunk $old" |
  $B hook pre-push origin ../origin.git; echo "exit $?"    # expect 1 (force-push of origin/HEAD's branch); belay-push1: 0
