package io.ordersync.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.ordersync.TestDatabases;
import io.ordersync.app.Database;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs that die with their process: a run recorded RUNNING by a JVM killed with SIGKILL is marked ABANDONED when the
 * runtime starts again on that host (and no longer keeps its job from running); a run of another host only once its
 * progress has stopped for {@link ReconciliationRuns#DEAD_AFTER}; a run of a live process of this host never. Only one run of a job is RUNNING at a time.
 */
class ReconciliationRunsTest {

    @TempDir
    Path data;

    @Test
    void a_run_killed_with_its_jvm_is_abandoned_when_the_runtime_starts_again_and_its_job_runs_again() throws Exception {
        String url = "jdbc:h2:file:" + data.toAbsolutePath() + "/runs;DB_CLOSE_ON_EXIT=FALSE";
        try (HikariDataSource pool = Database.pool(url, "sa", "", 2)) {
            Database.migrate(pool, url);
        }
        long runId = runThenKill(url);

        try (HikariDataSource pool = Database.pool(url, "sa", "", 2)) {
            ReconciliationRuns runs = new ReconciliationRuns(pool);
            ReconciliationRuns.Run left = runs.find(runId).orElseThrow();
            assertThat(left.status()).as("as the kill left it").isEqualTo("RUNNING");
            assertThat(left.checked()).isEqualTo(7);
            assertThat(left.toCheck()).isEqualTo(100);
            assertThatThrownBy(() -> runs.start("crm-status", "api", "other:1", Instant.now()))
                    .isInstanceOf(ReconciliationRuns.AlreadyRunningException.class)
                    .satisfies(e -> assertThat(((ReconciliationRuns.AlreadyRunningException) e).runId())
                            .isEqualTo(runId));

            // what the runtime does when it starts (ReconciliationConfiguration)
            assertThat(runs.abandonDead(Reconciliation.hostName(), Instant.now())).isEqualTo(1);

            ReconciliationRuns.Run abandoned = runs.find(runId).orElseThrow();
            assertThat(abandoned.status()).isEqualTo("ABANDONED");
            assertThat(abandoned.finishedAt()).isNotNull();
            assertThat(abandoned.checked()).as("its progress stays").isEqualTo(7);
            assertThat(abandoned.errorMessage()).contains("stopped before it finished");
            assertThat(runs.start("crm-status", "api", "other:1", Instant.now())).isGreaterThan(runId);
        }
    }

    @Test
    void a_run_of_another_host_is_abandoned_only_once_its_progress_has_stopped_for_a_while() {
        try (HikariDataSource pool = TestDatabases.migratedH2("reconciliation-runs", 2)) {
            ReconciliationRuns runs = new ReconciliationRuns(pool);
            Instant now = Instant.now();
            long elsewhere = runs.start("erp-status", "schedule", "elsewhere:42", now.minus(Duration.ofMinutes(30)));
            runs.progress(elsewhere, 10, 0, 0, now.minusSeconds(1));
            // a run of this very JVM is alive, however long ago its progress was written
            String thisProcess = Reconciliation.hostName() + ":" + ProcessHandle.current().pid();
            long here = runs.start("held-events", "api", thisProcess, now);
            runs.progress(here, 1, 0, 0, now);
            // one recorded under this host and pid before this JVM started: an earlier process with the same pid
            // (a container's pid 1 after a restart)
            long earlier = runs.start("stuck-orders", "schedule", thisProcess, Instant.ofEpochMilli(
                    java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime()).minusSeconds(1));

            assertThat(runs.abandonDead(Reconciliation.hostName(), now)).isEqualTo(1);
            assertThat(runs.find(earlier).orElseThrow().status()).isEqualTo("ABANDONED");
            assertThat(runs.find(elsewhere).orElseThrow().status()).isEqualTo("RUNNING");

            Instant later = now.plus(ReconciliationRuns.DEAD_AFTER);
            assertThat(runs.abandonDead(Reconciliation.hostName(), later)).isEqualTo(1);
            assertThat(runs.find(elsewhere).orElseThrow().status()).isEqualTo("ABANDONED");
            assertThat(runs.find(here).orElseThrow().status()).isEqualTo("RUNNING");
            // ended runs free their job
            runs.finish(here, "COMPLETED", 1, 0, 0, null, later);
            assertThat(runs.start("held-events", "api", "elsewhere:43", later)).isGreaterThan(here);
        }
    }

    /** A child JVM records a RUNNING run and is killed (SIGKILL) while it runs; the run's id. */
    private static long runThenKill(String url) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                RunningRunWriter.class.getName(), url).redirectErrorStream(true).start();
        long runId = -1;
        StringBuilder output = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                output.append(line).append('\n');
                if (line.startsWith("running ")) {
                    runId = Long.parseLong(line.substring("running ".length()));
                    child.destroyForcibly();
                    break;
                }
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(runId).as("run reported by the child:%n%s", output).isPositive();
        return runId;
    }
}
