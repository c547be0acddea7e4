# False block (fork remote never fetched): a push to a remote with no remote-tracking refs (added, never fetched) -> push-drift over the whole history.
set -e; B=${BELAY:-belay}; d=$(mktemp -d); cd $d
git init -q --bare upstream.git; git init -q --bare fork.git
git clone -q upstream.git work 2>/dev/null; cd work; git config user.email a@b; git config user.name a
echo 1 > a.txt; git add a.txt; git commit -qm one; git push -q origin HEAD:main; git fetch -q; git remote set-head origin main
git remote add fork ../fork.git                                           # never fetched
git checkout -q -b feature; echo 3 > c.txt; git add c.txt; git commit -qm feature
set +e; echo "refs/heads/feature $(git rev-parse HEAD) refs/heads/feature 0000000000000000000000000000000000000000" |
  $B hook pre-push fork ../fork.git; echo "exit $?"    # expect 0; belay-push1: 1, push-drift "1 commit published on origin/main"
