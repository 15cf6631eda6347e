package io.ordersync.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default database keeps every commit through a kill -9: a child JVM commits rows one by one and
 * reports each commit; it is killed (SIGKILL) right after a report, and every reported row must be in the file.
 * H2's default write delay (500 ms) lost the last commits before a kill.
 */
class H2DurabilityTest {

    @TempDir
    Path data;

    @Test
    void every_commit_reported_before_a_kill_is_in_the_database_file() throws Exception {
        String shipped = shippedDefaultUrl().replace("./data/", data.toAbsolutePath() + "/");
        // an operator's own H2 file URL that says nothing of the write delay is made durable by Database as well
        String ownUrl = "jdbc:h2:file:" + data.toAbsolutePath() + "/own;DB_CLOSE_ON_EXIT=FALSE";
        for (int round = 1; round <= 2; round++) {
            String url = round % 2 == 1 ? shipped : ownUrl;
            try (HikariDataSource pool = Database.pool(url, "sa", "", 1);
                 Connection connection = pool.getConnection(); Statement ddl = connection.createStatement()) {
                ddl.execute("CREATE TABLE committed_rows (n INT PRIMARY KEY)");
            }
            int lastReported = commitThenKill(url, 500);
            try (HikariDataSource pool = Database.pool(url, "sa", "", 1);
                 Connection connection = pool.getConnection();
                 Statement query = connection.createStatement();
                 ResultSet rows = query.executeQuery("SELECT COUNT(*), MAX(n) FROM committed_rows")) {
                rows.next();
                assertThat(rows.getInt(2)).as("highest row after kill %d", round).isGreaterThanOrEqualTo(lastReported);
                assertThat(rows.getInt(1)).as("rows after kill %d", round).isEqualTo(rows.getInt(2));
            }
            try (HikariDataSource pool = Database.pool(url, "sa", "", 1);
                 Connection connection = pool.getConnection(); Statement reset = connection.createStatement()) {
                reset.execute("DROP TABLE committed_rows");
            }
        }
    }

    @Test
    void only_h2_file_urls_without_a_chosen_write_delay_are_changed() {
        assertThat(Database.durable("jdbc:h2:file:./data/x")).isEqualTo("jdbc:h2:file:./data/x;WRITE_DELAY=0");
        assertThat(Database.durable("jdbc:h2:./data/x;write_delay=100")).isEqualTo("jdbc:h2:./data/x;write_delay=100");
        assertThat(Database.durable("jdbc:h2:mem:x")).isEqualTo("jdbc:h2:mem:x");
        assertThat(Database.durable("jdbc:postgresql://db/x")).isEqualTo("jdbc:postgresql://db/x");
    }

    @Test
    void h2_urls_without_a_chosen_lob_timeout_keep_returned_large_values_for_30_seconds() {
        assertThat(Database.shortLobReferences("jdbc:h2:file:./data/x;WRITE_DELAY=0"))
                .isEqualTo("jdbc:h2:file:./data/x;WRITE_DELAY=0;LOB_TIMEOUT=30000");
        assertThat(Database.shortLobReferences("jdbc:h2:mem:x")).isEqualTo("jdbc:h2:mem:x;LOB_TIMEOUT=30000");
        assertThat(Database.shortLobReferences("jdbc:h2:./data/x;lob_timeout=1000"))
                .isEqualTo("jdbc:h2:./data/x;lob_timeout=1000");
        assertThat(Database.shortLobReferences("jdbc:postgresql://db/x")).isEqualTo("jdbc:postgresql://db/x");
    }

    @Test
    void the_pool_opens_h2_with_the_lob_timeout_and_reads_large_text_back() throws Exception {
        try (HikariDataSource pool = Database.pool("jdbc:h2:mem:lob-timeout-" + System.nanoTime()
                + ";DB_CLOSE_DELAY=-1", "sa", "", 2);
             Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE documents (body CLOB)");
            String large = "x".repeat(100_000); // stored as a LOB, not inline
            try (var insert = connection.prepareStatement("INSERT INTO documents VALUES (?)")) {
                insert.setString(1, large);
                insert.executeUpdate();
            }
            try (var rows = statement.executeQuery("SELECT body FROM documents")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo(large);
            }
            try (var setting = statement.executeQuery(
                    "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'LOB_TIMEOUT'")) {
                assertThat(setting.next()).isTrue();
                assertThat(setting.getString(1)).isEqualTo("30000");
            }
        }
    }

    /** The H2 URL of application.properties, as shipped (without its env placeholder). */
    static String shippedDefaultUrl() throws Exception {
        Properties properties = new Properties();
        try (var in = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            properties.load(in);
        }
        String value = properties.getProperty("ordersync.db.url");
        String url = value.substring(value.indexOf("jdbc:h2:"), value.lastIndexOf("}}"));
        assertThat(url).startsWith("jdbc:h2:file:./data/");
        return url;
    }

    private static int commitThenKill(String url, int commitsBeforeKill) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                H2CommitWriter.class.getName(), url).redirectErrorStream(true).start();
        int lastReported = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("committed ")) {
                    lastReported = Integer.parseInt(line.substring("committed ".length()));
                    if (lastReported >= commitsBeforeKill) {
                        child.destroyForcibly();
                        break;
                    }
                }
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(lastReported).as("commits reported by the child").isGreaterThanOrEqualTo(commitsBeforeKill);
        return lastReported;
    }
}
