-- The 今日 header counts members linked to nobody today on every start:
-- with these it reads two small indexes instead of every member's row and
-- each link's row (13 ms → 4 ms on a 9,000-member street).
DROP INDEX links_member;
CREATE INDEX links_member ON links(member_id, since, until);
CREATE INDEX members_status ON members(status, archived);
