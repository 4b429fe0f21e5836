-- The work queue (WorkQueue): a plan's units, published once, claimed with a lease timed by the database's clock.
CREATE TABLE work_plans(plan TEXT PRIMARY KEY, digest TEXT NOT NULL, units INTEGER NOT NULL,
    published_ms BIGINT NOT NULL);
CREATE TABLE work_units(plan TEXT NOT NULL, unit TEXT NOT NULL, seq INTEGER NOT NULL, affinity TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'claimed', 'done')),
    worker TEXT, claims INTEGER NOT NULL DEFAULT 0, lease_until_ms BIGINT, done_ms BIGINT,
    PRIMARY KEY(plan, unit));
CREATE INDEX work_units_by_state ON work_units(plan, state, seq);
-- unit cannot be claimed before needs is done.
CREATE TABLE work_deps(plan TEXT NOT NULL, unit TEXT NOT NULL, needs TEXT NOT NULL, PRIMARY KEY(plan, unit, needs));
