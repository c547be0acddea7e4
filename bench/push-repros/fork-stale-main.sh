# False block (fork, stale main): a PR branch pushed to the contributor's fork, whose main is behind upstream -> push-drift.
set -e; B=${BELAY:-belay}; d=$(mktemp -d); cd $d
git init -q --bare upstream.git; git init -q --bare fork.git
git init -q -b main work; cd work; git config user.email a@b; git config user.name a
echo 1 > a.txt; git add a.txt; git commit -qm one
git push -q ../upstream.git main; git push -q ../fork.git main        # the fork is made
git remote add origin ../upstream.git; git remote add fork ../fork.git; git fetch -q origin; git fetch -q fork
git remote set-head origin main; git remote set-head fork main
echo 2 > b.txt; git add b.txt; git commit -qm "upstream moves on"; git push -q origin main   # upstream moves on
git fetch -q origin
git checkout -q -b feature origin/main; echo 3 > c.txt; git add c.txt; git commit -qm feature
set +e; echo "refs/heads/feature $(git rev-parse HEAD) refs/heads/feature 0000000000000000000000000000000000000000" |
  $B hook pre-push fork ../fork.git; echo "exit $?"    # expect 0; belay-push1: 1, push-drift "1 commit published on origin/main but not on fork/main"
