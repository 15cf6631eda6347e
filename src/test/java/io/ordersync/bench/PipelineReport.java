package io.ordersync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** The load harness's report: one Markdown table per measure, a column per database, ratios to the same run's floor. */
final class PipelineReport {

    private PipelineReport() {
    }

    static String markdown(Map<String, JsonNode> loads, List<JsonNode> embeddedStarts, List<JsonNode> externalStarts,
                           Map<String, List<Long>> jarStarts, Map<String, Object> machine) {
        StringBuilder out = new StringBuilder("# Order pipeline load\n\n");
        machine.forEach((k, v) -> out.append("- ").append(k).append(": ").append(v).append('\n'));
        out.append('\n');
        if (!loads.isEmpty()) {
            List<String> dbs = new ArrayList<>(loads.keySet());
            out.append("| measure | ").append(String.join(" | ", dbs)).append(" |\n|---|");
            dbs.forEach(d -> out.append("---|"));
            out.append('\n');
            row(out, loads, "callers (closed loop)", r -> r.path("concurrency").asText());
            row(out, loads, "floor at saturation, orders/s (rounds)", r -> rounds(r, "floor"));
            row(out, loads, "REST accept at saturation, orders/s (rounds)", r -> rounds(r, "rest"));
            row(out, loads, "**REST accept / floor** (best round of each)", r -> fmt(best(r, "rest") / best(r, "floor"), 2));
            row(out, loads, "paced rate (half of REST saturation), orders/s",
                    r -> fmt(r.path("latencyAtHalf").path("ratePerSecond").asDouble(), 0));
            row(out, loads, "REST accept latency p50 / p95 / p99 / max, ms", r -> latency(r.path("latencyAtHalf").path("rest")));
            row(out, loads, "floor latency at the same rate, ms", r -> latency(r.path("latencyAtHalf").path("floor")));
            row(out, loads, "dispatch of the accept backlog (ERP + CRM), orders/s",
                    r -> fmt(r.path("backlog").path("perSecond").asDouble(), 0) + " (" + r.path("backlog").path("orders").asInt() + " orders)");
            row(out, loads, "burst: orders, accepted at orders/s", r -> r.path("burst").path("orders").asInt() + ", "
                    + fmt(r.path("burst").path("intake").path("perSecond").asDouble(), 0));
            row(out, loads, "burst: first POST to last CRM update, s", r -> fmt(r.path("burst").path("drainSeconds").asDouble(), 1));
            row(out, loads, "**end to end (POST to CRM update), orders/s**", r -> fmt(r.path("burst").path("endToEndPerSecond").asDouble(), 0));
            row(out, loads, "status events: order rate, orders/s; events sent", r -> fmt(r.path("statusEvents")
                    .path("orderRatePerSecond").asDouble(), 0) + "; " + r.path("statusEvents").path("events").asInt());
            row(out, loads, "order latency alone p50 / p95 / p99 / max, ms", r -> latency(r.path("statusEvents").path("ordersAlone")));
            row(out, loads, "order latency while status events flow, ms", r -> latency(r.path("statusEvents").path("ordersWithEvents")));
            row(out, loads, "**p99 with events / alone**", r -> fmt(r.path("statusEvents").path("ordersWithEvents").path("p99Micros").asDouble()
                    / r.path("statusEvents").path("ordersAlone").path("p99Micros").asDouble(), 2));
            row(out, loads, "status events queued (202), events/s", r -> fmt(r.path("statusEvents").path("eventsQueued").path("perSecond").asDouble(), 0));
            row(out, loads, "**status events recorded, events/s** (first sent to last recorded)",
                    r -> fmt(r.path("statusEvents").path("eventsRecordedPerSecond").asDouble(), 0));
            row(out, loads, "EDI 850 file: orders (bytes)", r -> r.path("ediFile").path("orders").asInt() + " ("
                    + r.path("ediFile").path("bytes").asInt() + ")");
            row(out, loads, "EDI file answered after, s", r -> fmt(r.path("ediFile").path("answeredSeconds").asDouble(), 1));
            row(out, loads, "**EDI file to the last order accepted by the ERP, s (orders/s)**",
                    r -> fmt(r.path("ediFile").path("toErpSeconds").asDouble(), 1) + " ("
                            + fmt(r.path("ediFile").path("perSecond").asDouble(), 0) + ")");
            row(out, loads, "heap: limit / max used / max old gen after GC, MiB", r -> r.path("heap").path("maxHeapMiB").asInt()
                    + " / " + r.path("heap").path("maxUsedMiB").asInt() + " / " + r.path("heap").path("maxOldAfterGcMiB").asInt());
            row(out, loads, "live heap at the end / without the simulators' orders, MiB", r -> r.path("heap").path("liveAtEndMiB").asText("?")
                    + " / " + r.path("heap").path("liveWithoutSimulatorDataMiB").asText("?"));
            row(out, loads, "GC: collections, total pause ms", r -> r.path("heap").path("gcCount").asLong() + ", "
                    + r.path("heap").path("gcMillis").asLong());
            row(out, loads, "answered 503 (Retry-After): saturation rounds, paced, burst, with events, status events",
                    r -> {
                        int rounds = 0;
                        for (JsonNode round : r.path("saturation")) {
                            rounds += refused(round.path("rest")) + refused(round.path("floor"));
                        }
                        return rounds + ", " + (refused(r.path("latencyAtHalf").path("rest")) + refused(r.path("latencyAtHalf").path("floor")))
                                + ", " + refused(r.path("burst").path("intake")) + ", "
                                + (refused(r.path("statusEvents").path("ordersAlone")) + refused(r.path("statusEvents").path("ordersWithEvents")))
                                + ", " + refused(r.path("statusEvents").path("eventsQueued"));
                    });
            if (loads.values().stream().anyMatch(r -> r.path("tracing").asBoolean())) {
                row(out, loads, "tracing: OTLP exports, MiB sent", r -> r.path("tracing").asBoolean()
                        ? r.path("otlpExports").asLong() + ", " + fmt(r.path("otlpBytes").asDouble() / (1 << 20), 1) : "off");
            }
            row(out, loads, "runtime boot (main to ready) in this JVM, s", r -> fmt(r.path("mainToReadyMs").asDouble() / 1000, 1));
        }
        if (!embeddedStarts.isEmpty()) {
            out.append("\nStart to ready (H2 file database, -Xmx512m; median of ").append(embeddedStarts.size())
                    .append(" starts, each in a new JVM):\n\n| Kafka | JVM start to ready, s | main() to ready, s |\n|---|---|---|\n");
            startRow(out, "embedded broker (demo)", embeddedStarts);
            startRow(out, "a broker already running", externalStarts);
        }
        if (!jarStarts.isEmpty()) {
            List<Long> plain = jarStarts.get("plain");
            List<Long> archive = jarStarts.get("archive");
            out.append("\nStart to ready of target/ordersync-runner.jar (demo profile, embedded broker, H2 file database,"
                    + " -Xmx512m; ").append(plain.size()).append(" starts each, alternating; launch to ready):\n\n"
                    + "| class-data archive | median, s | starts, s |\n|---|---|---|\n");
            jarRow(out, "none", plain);
            jarRow(out, "-XX:SharedArchiveFile", archive);
            out.append("\nWith the archive / without: ").append(fmt(medianOf(archive) / medianOf(plain), 2)).append('\n');
        }
        return out.toString();
    }

    private static void row(StringBuilder out, Map<String, JsonNode> loads, String measure, Function<JsonNode, String> value) {
        out.append("| ").append(measure).append(" |");
        loads.values().forEach(r -> out.append(' ').append(value.apply(r)).append(" |"));
        out.append('\n');
    }

    private static void startRow(StringBuilder out, String name, List<JsonNode> starts) {
        out.append("| ").append(name).append(" | ").append(fmt(median(starts, "jvmStartToReadyMs") / 1000, 1))
                .append(" | ").append(fmt(median(starts, "mainToReadyMs") / 1000, 1)).append(" |\n");
    }

    private static void jarRow(StringBuilder out, String name, List<Long> millis) {
        List<String> each = millis.stream().map(ms -> fmt(ms / 1000.0, 1)).toList();
        out.append("| ").append(name).append(" | ").append(fmt(medianOf(millis) / 1000, 1)).append(" | ")
                .append(String.join(", ", each)).append(" |\n");
    }

    private static double medianOf(List<Long> millis) {
        double[] values = millis.stream().mapToDouble(Long::doubleValue).sorted().toArray();
        return values.length == 0 ? Double.NaN : values[values.length / 2];
    }

    private static double median(List<JsonNode> starts, String field) {
        return medianOf(starts.stream().map(s -> s.path(field).asLong()).toList());
    }

    private static String rounds(JsonNode run, String which) {
        List<String> values = new ArrayList<>();
        run.path("saturation").forEach(round -> values.add(fmt(round.path(which).path("perSecond").asDouble(), 0)));
        return String.join(", ", values);
    }

    private static double best(JsonNode run, String which) {
        double best = 0;
        for (JsonNode round : run.path("saturation")) {
            best = Math.max(best, round.path(which).path("perSecond").asDouble());
        }
        return best;
    }

    private static String latency(JsonNode result) {
        return fmt(result.path("p50Micros").asDouble() / 1000, 1) + " / " + fmt(result.path("p95Micros").asDouble() / 1000, 1)
                + " / " + fmt(result.path("p99Micros").asDouble() / 1000, 1) + " / " + fmt(result.path("maxMicros").asDouble() / 1000, 1);
    }

    private static int refused(JsonNode result) {
        return result.path("failuresByStatus").path("503").asInt();
    }

    private static String fmt(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
