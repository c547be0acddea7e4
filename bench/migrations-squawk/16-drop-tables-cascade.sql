DROP TABLE IF EXISTS coupons, vouchers CASCADE;
