# False block (no origin/HEAD, default branch trunk): push-drift over the whole history. no origin/HEAD (git init + remote add + fetch, as CI checkouts do) and a default branch not named main/master.
set -e; B=${BELAY:-belay}; d=$(mktemp -d); cd $d
git init -q --bare origin.git; git clone -q origin.git seed 2>/dev/null; cd seed; git config user.email a@b; git config user.name a
git checkout -q -b trunk; echo 1 > a.txt; git add a.txt; git commit -qm one; git push -q origin trunk; cd ..
git init -q work; cd work; git config user.email a@b; git config user.name a
git remote add origin ../origin.git; git fetch -q origin                       # no origin/HEAD
git checkout -q -b feature origin/trunk; echo 3 > c.txt; git add c.txt; git commit -qm feature
set +e; echo "refs/heads/feature $(git rev-parse HEAD) refs/heads/feature 0000000000000000000000000000000000000000" |
  $B hook pre-push origin ../origin.git; echo "exit $?"    # expect 0; belay-push1: 1, push-drift "1 commit published on origin/trunk"
