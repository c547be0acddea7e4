CREATE TABLE "new_Tag" ("id" INTEGER NOT NULL PRIMARY KEY, "label" TEXT);
INSERT INTO "new_Tag" ("id", "label") SELECT "id", "label" FROM "Tag";
DROP TABLE "Tag";
ALTER TABLE "new_Tag" RENAME TO "Tag";
