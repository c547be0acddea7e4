# False block (PR branch based on a maintenance branch, e.g. a backport to 1.x): push-drift over the maintenance branch's commits.
set -e; B=${BELAY:-belay}; d=$(mktemp -d); cd $d
git init -q --bare origin.git; git clone -q origin.git work 2>/dev/null; cd work; git config user.email a@b; git config user.name a
echo 1 > a.txt; git add a.txt; git commit -qm one; git push -q origin HEAD:main; git fetch -q
git checkout -q -b 1.x; echo 1.0.1 > VERSION; git add VERSION; git commit -qm "release 1.0.1"; git push -q origin 1.x
git fetch -q; git remote set-head origin main
git checkout -q -b backport-fix origin/1.x; echo fix > fix.txt; git add fix.txt; git commit -qm "backport a fix to 1.x"
set +e; echo "refs/heads/backport-fix $(git rev-parse HEAD) refs/heads/backport-fix 0000000000000000000000000000000000000000" |
  $B hook pre-push origin ../origin.git; echo "exit $?"    # expect 0; belay-push1: 1, push-drift "1 commit published on origin/1.x but not on origin/main"
