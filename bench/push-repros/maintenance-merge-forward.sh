# False block (maintenance merge-forward): merging a maintenance branch forward into the next one (2.x into 3.x) and pushing 3.x -> merge-source.
set -e; B=${BELAY:-belay}; d=$(mktemp -d); cd $d
git init -q --bare origin.git; git clone -q origin.git work 2>/dev/null; cd work; git config user.email a@b; git config user.name a
echo 1 > a.txt; git add a.txt; git commit -qm one; git push -q origin HEAD:main; git fetch -q
git checkout -q -b 2.x; echo 2 > two.txt; git add two.txt; git commit -qm "2.x fix"; git push -q origin 2.x
git checkout -q -b 3.x origin/main; echo 3 > three.txt; git add three.txt; git commit -qm "3.x work"; git push -q origin 3.x
git fetch -q; git remote set-head origin main
git merge -q --no-edit origin/2.x
set +e; echo "refs/heads/3.x $(git rev-parse HEAD) refs/heads/3.x $(git rev-parse origin/3.x)" |
  $B hook pre-push origin ../origin.git; echo "exit $?"    # expect 0 (integrating 2.x is what 3.x is for); belay-push1: 1, merge-source "brings in origin/2.x"
