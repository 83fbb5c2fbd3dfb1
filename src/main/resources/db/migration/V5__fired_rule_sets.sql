-- Each distinct list of fired rules is stored once: most evaluations fire a list some earlier evaluation
-- fired (every answer from one cached answer does), and writing the same 2 to 5 KB of rule names with every
-- row was most of the audit writer's work. A row written from now on refers to its list by the list's
-- SHA-256 (fired_rule_set) and leaves fired_rules empty; rows written before keep their list inline. The row
-- hash still covers the list itself, so changing a stored list breaks every row that refers to it.
-- Portable between H2 and PostgreSQL.
CREATE TABLE fired_rule_set (
    digest VARCHAR(80)     PRIMARY KEY,
    rules  VARCHAR(200000) NOT NULL
);

ALTER TABLE audit_log ADD COLUMN fired_rule_set VARCHAR(80);
