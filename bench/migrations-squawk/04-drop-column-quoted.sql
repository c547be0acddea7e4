ALTER TABLE "public"."User" DROP COLUMN "name";
