package xcot.runs.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@link WorkQueue} over the {@code work_*} tables of either backend (see {@link Dialect} for what differs). */
final class JdbcWorkQueue implements WorkQueue {
    private final String where;
    private final Connection db;
    private final Dialect dialect;
    private final String claimOfAffinitySql;
    private final String claimAnySql;

    JdbcWorkQueue(String where, Connection db, Dialect dialect) {
        this.where = where;
        this.db = db;
        this.dialect = dialect;
        this.claimOfAffinitySql = claimSql(dialect, " AND c.affinity = ?");
        this.claimAnySql = claimSql(dialect, "");
    }

    /**
     * Claims the first claimable unit in publication order among those not done (the partial indexes of V2), of one
     * affinity or of any. The inner SELECT picks the unit; PostgreSQL locks it, skipping rows that other claimers are
     * locking, and rechecks the condition on the row's newest version before the UPDATE, so two claimers never get
     * the same unit. A unit is claimable when its lease has passed (pending units have lease 0) and every unit it
     * needs is done.
     */
    private static String claimSql(Dialect dialect, String affinityCondition) {
        String now = dialect.nowMillis;
        return "UPDATE work_units SET state = 'claimed', worker = ?, claims = claims + 1, lease_until_ms = " + now
                + " + ? WHERE plan = ? AND unit = (SELECT c.unit FROM work_units c WHERE c.plan = ?"
                + affinityCondition + " AND c.state <> 'done' AND c.lease_until_ms < " + now
                + " AND NOT EXISTS (SELECT 1 FROM work_deps d JOIN work_units n ON n.plan = d.plan AND n.unit = d.needs"
                + " WHERE d.plan = c.plan AND d.unit = c.unit AND n.state <> 'done')"
                + " ORDER BY c.seq LIMIT 1" + dialect.skipLocked + ") RETURNING unit, affinity, claims";
    }

    @Override
    public synchronized boolean publish(String plan, List<UnitSpec> units) {
        check(units);
        String digest = digest(units);
        try {
            db.setAutoCommit(false);
            try {
                boolean published;
                try (PreparedStatement p = db.prepareStatement("INSERT INTO work_plans(plan, digest, units,"
                        + " published_ms) VALUES (?, ?, ?, " + dialect.nowMillis + ") ON CONFLICT DO NOTHING")) {
                    Sql.bind(p, plan, digest, units.size());
                    published = p.executeUpdate() == 1;
                }
                if (published) {
                    insertUnits(plan, units);
                } else {
                    String stored = storedDigest(plan);
                    if (!stored.equals(digest)) {
                        throw new StoreException(where + ": plan " + plan + " is published with other units (digest "
                                + stored + ", this worker's " + digest + "); do all workers run the same config?");
                    }
                }
                db.commit();
                return published;
            } catch (SQLException | RuntimeException e) {
                db.rollback();
                throw e;
            } finally {
                db.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException(where + ": cannot publish plan " + plan + ": " + e.getMessage(), e);
        }
    }

    private void insertUnits(String plan, List<UnitSpec> units) throws SQLException {
        try (PreparedStatement u = db.prepareStatement(
                "INSERT INTO work_units(plan, unit, seq, affinity) VALUES (?, ?, ?, ?)");
                PreparedStatement d = db.prepareStatement(
                        "INSERT INTO work_deps(plan, unit, needs) VALUES (?, ?, ?)")) {
            for (int i = 0; i < units.size(); i++) {
                UnitSpec unit = units.get(i);
                Sql.bind(u, plan, unit.id(), i, unit.affinity());
                u.addBatch();
                for (String needed : unit.needs()) {
                    Sql.bind(d, plan, unit.id(), needed);
                    d.addBatch();
                }
            }
            u.executeBatch();
            d.executeBatch();
        }
    }

    private String storedDigest(String plan) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("SELECT digest FROM work_plans WHERE plan = ?")) {
            Sql.bind(p, plan);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getString(1);
            }
        }
    }

    private static void check(List<UnitSpec> units) {
        Set<String> seen = new HashSet<>();
        for (UnitSpec u : units) {
            for (String needed : u.needs()) {
                if (!seen.contains(needed)) {
                    throw new IllegalArgumentException("unit " + u.id() + " needs " + needed
                            + ", which is not listed before it");
                }
            }
            if (!seen.add(u.id())) {
                throw new IllegalArgumentException("unit id " + u.id() + " is listed twice");
            }
        }
    }

    /** SHA-256 over every unit's id, affinity and needs, each length-prefixed. */
    private static String digest(List<UnitSpec> units) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (UnitSpec u : units) {
                List<String> parts = new ArrayList<>(List.of(u.id(), u.affinity(), Integer.toString(u.needs().size())));
                parts.addAll(u.needs());
                for (String part : parts) {
                    byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                    d.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
                    d.update(bytes);
                }
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    @Override
    public synchronized ClaimResult claim(String plan, String worker, String preferredAffinity, Duration lease) {
        try {
            Optional<Claim> claimed = claimWith(claimOfAffinitySql, plan, worker, lease, preferredAffinity);
            if (claimed.isEmpty()) {
                claimed = claimWith(claimAnySql, plan, worker, lease);
            }
            if (claimed.isPresent()) {
                return new ClaimResult.Claimed(claimed.get());
            }
            try (PreparedStatement p = db.prepareStatement("SELECT COUNT(*),"
                    + " COALESCE(SUM(CASE WHEN state <> 'done' THEN 1 ELSE 0 END), 0) FROM work_units WHERE plan = ?")) {
                Sql.bind(p, plan);
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    int total = r.getInt(1);
                    int remaining = r.getInt(2);
                    if (total == 0) {
                        throw new StoreException(where + ": plan " + plan + " is not published");
                    }
                    return remaining == 0 ? new ClaimResult.Complete(total) : new ClaimResult.Wait(remaining);
                }
            }
        } catch (SQLException e) {
            throw new StoreException(where + ": cannot claim a unit of plan " + plan + ": " + e.getMessage(), e);
        }
    }

    private Optional<Claim> claimWith(String sql, String plan, String worker, Duration lease, Object... affinity)
            throws SQLException {
        try (PreparedStatement p = db.prepareStatement(sql)) {
            Object[] args = new Object[4 + affinity.length];
            args[0] = worker;
            args[1] = lease.toMillis();
            args[2] = plan;
            args[3] = plan;
            System.arraycopy(affinity, 0, args, 4, affinity.length);
            Sql.bind(p, args);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(new Claim(plan, r.getString(1), r.getString(2), worker, r.getInt(3)))
                        : Optional.empty();
            }
        }
    }

    @Override
    public synchronized void renew(Claim claim, Duration lease) {
        held(claim, "UPDATE work_units SET lease_until_ms = " + dialect.nowMillis + " + ?", lease.toMillis());
    }

    @Override
    public synchronized void complete(Claim claim) {
        held(claim, "UPDATE work_units SET state = 'done', done_ms = " + dialect.nowMillis);
    }

    @Override
    public synchronized void release(Claim claim) {
        held(claim, "UPDATE work_units SET state = 'pending', lease_until_ms = 0");
    }

    /** Runs {@code update} on the claimed unit if the claim still holds it, else throws. */
    private void held(Claim claim, String update, Object... args) {
        String sql = update + " WHERE plan = ? AND unit = ? AND state = 'claimed' AND worker = ? AND claims = ?";
        Object[] all = new Object[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = claim.plan();
        all[args.length + 1] = claim.unit();
        all[args.length + 2] = claim.worker();
        all[args.length + 3] = claim.token();
        try (PreparedStatement p = db.prepareStatement(sql)) {
            Sql.bind(p, all);
            if (p.executeUpdate() != 1) {
                throw new LeaseLostException(claim);
            }
        } catch (SQLException e) {
            throw new StoreException(where + ": cannot update unit " + claim.unit() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized List<UnitStatus> units(String plan) {
        List<UnitStatus> out = new ArrayList<>();
        try (PreparedStatement p = db.prepareStatement("SELECT unit, affinity, state, worker, claims,"
                + " CASE WHEN state = 'claimed' AND lease_until_ms < " + dialect.nowMillis + " THEN 1 ELSE 0 END"
                + " FROM work_units WHERE plan = ? ORDER BY seq")) {
            Sql.bind(p, plan);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new UnitStatus(r.getString(1), r.getString(2), r.getString(3),
                            Optional.ofNullable(r.getString(4)), r.getInt(5), r.getInt(6) == 1));
                }
            }
        } catch (SQLException e) {
            throw new StoreException(where + ": cannot list the units of plan " + plan + ": " + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public synchronized void close() {
        JdbcStore.closeQuietly(db);
    }
}
