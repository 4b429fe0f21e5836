-- The work queue (WorkQueue): a plan's units, published once, claimed with a lease timed by the database's clock.
CREATE TABLE work_plans(plan TEXT PRIMARY KEY, digest TEXT NOT NULL, units INTEGER NOT NULL,
    published_ms BIGINT NOT NULL);
-- A unit not done is claimable once lease_until_ms has passed: 0 for a pending unit, the lease's end for a claimed one
-- (so a dead worker's unit comes back by itself).
CREATE TABLE work_units(plan TEXT NOT NULL, unit TEXT NOT NULL, seq INTEGER NOT NULL, affinity TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'claimed', 'done')),
    worker TEXT, claims INTEGER NOT NULL DEFAULT 0, lease_until_ms BIGINT NOT NULL DEFAULT 0, done_ms BIGINT,
    PRIMARY KEY(plan, unit));
-- A claim walks the units not done in publication order (of the worker's affinity first) and stops at the first
-- claimable one: done units, the bulk of a long run, are not in these indexes at all.
CREATE INDEX work_units_open_by_affinity ON work_units(plan, affinity, seq) WHERE state <> 'done';
CREATE INDEX work_units_open ON work_units(plan, seq) WHERE state <> 'done';
-- unit cannot be claimed before needs is done.
CREATE TABLE work_deps(plan TEXT NOT NULL, unit TEXT NOT NULL, needs TEXT NOT NULL, PRIMARY KEY(plan, unit, needs));
