# False block (stacked branch): a stacked PR (part 2 branched from part 1, which is published and not merged yet) -> push-drift.
set -e; B=${BELAY:-belay}; d=$(mktemp -d); cd $d
git init -q --bare origin.git; git clone -q origin.git work 2>/dev/null; cd work; git config user.email a@b; git config user.name a
echo 1 > a.txt; git add a.txt; git commit -qm one; git push -q origin HEAD:main; git fetch -q; git remote set-head origin main
git checkout -q -b part1; echo 1 > p1.txt; git add p1.txt; git commit -qm "part 1"; git push -q origin part1
git checkout -q -b part2; echo 2 > p2.txt; git add p2.txt; git commit -qm "part 2"
set +e; echo "refs/heads/part2 $(git rev-parse HEAD) refs/heads/part2 0000000000000000000000000000000000000000" |
  $B hook pre-push origin ../origin.git; echo "exit $?"    # expect 0; belay-push1: 1, push-drift "1 commit published on origin/part1 but not on origin/main"
