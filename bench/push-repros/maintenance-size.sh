# False block (maintenance branch, size): a one-commit push to a maintenance branch is sized against origin/main (push-size; an error for agents).
set -e; B=${BELAY:-belay}; d=$(mktemp -d); cd $d
git init -q --bare origin.git; git clone -q origin.git work 2>/dev/null; cd work; git config user.email a@b; git config user.name a
echo 1 > a.txt; git add a.txt; git commit -qm one; git push -q origin HEAD:main
git checkout -q -b 1.x; for i in $(seq 1 101); do echo $i > v.txt; git add v.txt; git commit -qm "1.x fix $i"; done   # 101 commits off main
git push -q origin 1.x; git fetch -q; git remote set-head origin main
echo x > fix.txt; git add fix.txt; git commit -qm "one backport"
set +e; echo "refs/heads/1.x $(git rev-parse HEAD) refs/heads/1.x $(git rev-parse origin/1.x)" |
  BELAY_SESSION=s $B hook pre-push origin ../origin.git; echo "exit $?"    # expect 0; belay-push1: 1, push-size "102 commits (limit 100) against origin/main"
