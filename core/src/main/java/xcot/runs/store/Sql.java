package xcot.runs.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Positional parameters of the types the stores use. */
final class Sql {
    private Sql() {}

    static void bind(PreparedStatement p, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case String s -> p.setString(i + 1, s);
                case Integer n -> p.setInt(i + 1, n);
                case Long n -> p.setLong(i + 1, n);
                case byte[] b -> p.setBytes(i + 1, b);
                default -> throw new IllegalArgumentException("cannot bind " + args[i]);
            }
        }
    }
}
