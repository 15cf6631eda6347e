package io.ordersync.app;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;

/**
 * Child process of {@link H2DurabilityTest}: commits one row at a time into the table committed_rows of an H2 file database opened the way the
 * runtime opens it ({@link Database#pool}) and prints {@code committed N} after each commit, until it is killed.
 */
public final class H2CommitWriter {

    private H2CommitWriter() {
    }

    public static void main(String[] args) throws Exception {
        try (HikariDataSource pool = Database.pool(args[0], "sa", "", 2);
             Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO committed_rows VALUES (?)")) {
                for (int n = 1; ; n++) {
                    insert.setInt(1, n);
                    insert.executeUpdate();
                    connection.commit();
                    System.out.println("committed " + n);
                    System.out.flush();
                }
            }
        }
    }
}
