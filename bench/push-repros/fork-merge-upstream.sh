# False block (fork, PR kept up to date by merging upstream main): merge-source "brings in origin/main".
set -e; B=${BELAY:-belay}; d=$(mktemp -d); cd $d
git init -q --bare upstream.git; git init -q --bare fork.git
git init -q -b main work; cd work; git config user.email a@b; git config user.name a
echo 1 > a.txt; git add a.txt; git commit -qm one; git push -q ../upstream.git main; git push -q ../fork.git main
git remote add origin ../upstream.git; git remote add fork ../fork.git; git fetch -q origin; git fetch -q fork
git remote set-head origin main; git remote set-head fork main
git checkout -q -b feature; echo 3 > c.txt; git add c.txt; git commit -qm feature; git push -q fork feature
git checkout -q main; echo 2 > b.txt; git add b.txt; git commit -qm "upstream moves on"; git push -q origin main; git fetch -q origin
git checkout -q feature; git merge -q --no-edit origin/main                     # keep the PR up to date with upstream
set +e; echo "refs/heads/feature $(git rev-parse HEAD) refs/heads/feature $(git rev-parse fork/feature)" |
  $B hook pre-push fork ../fork.git; echo "exit $?"    # expect 0; belay-push1: 1, merge-source "brings in origin/main (1 commit not on fork/main)"
