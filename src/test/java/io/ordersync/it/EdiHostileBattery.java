package io.ordersync.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The EDI channel scenarios and the generated hostile EDI battery: run on the default embedded database (H2) only
 * (what the battery proves does not depend on the database, and it runs once), in {@link PipelineScenariosH2IT}.
 */
abstract class EdiHostileBattery extends EdiChannelScenarios {

    // ------------------------------------------------------------------------------- hostile EDI battery

    /** Tried, refused and accepted inputs per class of the generated battery. */
    private record Tally(int[] counts) {
        Tally() {
            this(new int[3]);
        }
    }

    /**
     * Generated from the valid 850 and the valid ORDERS: truncations at every segment boundary and at a spread of
     * byte offsets, random bytes, wrong encodings, control characters, element lengths at the limit and one over,
     * data after the last interchange. Each is posted as the partner; for each: never a 5xx, a 4xx lists its
     * problems, what was created (the orders table) is what the answer says, no order comes from a set its
     * acknowledgement rejects, and health answers throughout.
     */
    @Test
    void hostile_edi_inputs_get_a_clear_refusal_or_an_acknowledgement_that_matches_what_was_created() {
        java.util.Map<String, Tally> tallies = new java.util.LinkedHashMap<>();
        java.util.Random random = new java.util.Random(20261206L);
        long started = System.nanoTime();
        for (boolean x12 : new boolean[] {true, false}) {
            String standard = x12 ? "x12" : "edifact";
            String terminator = x12 ? "~" : "'";
            String sample = sample(x12, 0, "PO-HB");
            int segments = sample.split(terminator, -1).length;
            for (int cut = 1; cut < segments; cut++) {
                int control = EdiChannelScenarios.CONTROL.incrementAndGet();
                String po = "PO-HB-" + control;
                String file = sample(x12, control, po);
                int end = nthIndex(file, terminator, cut);
                hostile(tallies, "truncated at a segment boundary", file.substring(0, end + 1)
                        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), po, x12, end + 1 < file.strip().length()
                        ? Expect.REFUSED : Expect.EITHER);
            }
            for (int i = 1; i <= 5; i++) {
                int control = EdiChannelScenarios.CONTROL.incrementAndGet();
                String po = "PO-HB-" + control;
                byte[] file = sample(x12, control, po).strip().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
                int offset = Math.max(1, file.length * i / 6 + random.nextInt(7) - 3);
                hostile(tallies, "truncated at a byte offset", java.util.Arrays.copyOf(file, offset), po, x12,
                        Expect.REFUSED);
            }
            for (int i = 0; i < 3; i++) {
                byte[] noise = new byte[16 + random.nextInt(2000)];
                random.nextBytes(noise);
                hostile(tallies, "random bytes", noise, "PO-HB-NOISE", x12, Expect.REFUSED);
                byte[] headed = (x12 ? "ISA*00*" : "UNA:+.? 'UNB+UNOA:3+").getBytes(
                        java.nio.charset.StandardCharsets.US_ASCII);
                hostile(tallies, "random bytes", concat(headed, noise), "PO-HB-NOISE", x12, Expect.REFUSED);
            }
            for (java.nio.charset.Charset charset : java.util.List.of(java.nio.charset.StandardCharsets.UTF_16,
                    java.nio.charset.StandardCharsets.UTF_16LE, java.nio.charset.StandardCharsets.UTF_16BE)) {
                int control = EdiChannelScenarios.CONTROL.incrementAndGet();
                String po = "PO-HB-" + control;
                hostile(tallies, "wrong encoding", sample(x12, control, po).getBytes(charset), po, x12,
                        Expect.REFUSED);
            }
            {
                // ISO-8859-1 bytes (0xE9, 0xFC) where the header promises UNOA / the X12 basic character set
                int control = EdiChannelScenarios.CONTROL.incrementAndGet();
                String po = "PO-HB-" + control;
                String file = sample(x12, control, po).replace(x12 ? "BLUE WIDGET" : "JANE BUYER",
                        x12 ? "BL\u00c9U W\u00dcDGET" : "JAN\u00c9 B\u00dcYER");
                if (!x12) {
                    file = file.replace("UNOA:3", "UNOW:3");
                }
                hostile(tallies, "wrong encoding", file.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), po, x12,
                        Expect.EITHER);
            }
            for (char c : new char[] {0x00, 0x01, 0x0B, 0x1B, 0x7F}) {
                int control = EdiChannelScenarios.CONTROL.incrementAndGet();
                String po = "PO-HB-" + control;
                String file = sample(x12, control, po).replace(x12 ? "BLUE WIDGET" : "JANE BUYER",
                        (x12 ? "BLUE" : "JANE") + c + (x12 ? "WIDGET" : "BUYER"));
                hostile(tallies, "control character", file.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), po,
                        x12, Expect.REFUSED);
                int between = EdiChannelScenarios.CONTROL.incrementAndGet();
                String po2 = "PO-HB-" + between;
                String file2 = sample(x12, between, po2).replaceFirst(x12 ? "~\nDTM" : "'\nDTM",
                        (x12 ? "~" : "'") + c + "\nDTM");
                // between segments, a vertical tab is layout (white space, like a line break), not data
                hostile(tallies, "control character", file2.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
                        po2, x12, c == 0x0B ? Expect.EITHER : Expect.REFUSED);
            }
            // the purchase order number at its schema's maximum (X12 BEG03: 22, EDIFACT BGM 1004: 35) and one over
            int max = x12 ? 22 : 35;
            for (int length : new int[] {max - 1, max, max + 1}) {
                int control = EdiChannelScenarios.CONTROL.incrementAndGet();
                String prefix = "PO-HB-" + control + "-";
                String po = prefix + "X".repeat(length - prefix.length());
                hostile(tallies, "element length at the limit +-1", sample(x12, control, po)
                        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), po, x12,
                        length > max ? Expect.REFUSED : Expect.ACCEPTED);
            }
            {
                int control = EdiChannelScenarios.CONTROL.incrementAndGet();
                String po = "PO-HB-" + control;
                byte[] noise = new byte[64];
                random.nextBytes(noise);
                hostile(tallies, "data after the last interchange", concat(sample(x12, control, po).getBytes(
                        java.nio.charset.StandardCharsets.ISO_8859_1), noise), po, x12, Expect.EITHER);
            }
        }
        System.out.printf("EDI hostile battery: %d inputs in %d ms%n", tallies.values().stream()
                .mapToInt(t -> t.counts()[0]).sum(), (System.nanoTime() - started) / 1_000_000);
        tallies.forEach((kind, tally) -> System.out.printf("EDI hostile battery: %-34s tried %3d, refused %3d,"
                + " accepted %3d%n", kind, tally.counts()[0], tally.counts()[1], tally.counts()[2]));
        assertThat(send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(apiUrl("/observe/health/live")))
                .GET().build()).statusCode()).isEqualTo(200);
    }

    private enum Expect { REFUSED, ACCEPTED, EITHER }

    private void hostile(java.util.Map<String, Tally> tallies, String kind, byte[] body, String po, boolean x12,
                         Expect expect) {
        HttpResponse<String> response = send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        apiUrl("/api/v1/edi"))).timeout(Duration.ofSeconds(30))
                .header("Content-Type", x12 ? "application/edi-x12" : "application/edifact")
                .header("X-API-Key", API_KEY)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build());
        String what = kind + " (" + (x12 ? "X12" : "EDIFACT") + ", " + body.length + " bytes, starting "
                + java.util.HexFormat.of().formatHex(body, 0, Math.min(body.length, 8)) + ", sha "
                + java.util.Arrays.hashCode(body) + "): " + response.body();
        assertThat(response.statusCode()).as(what).isBetween(200, 499);
        long created = ordersNamed(po);
        int[] counts = tallies.computeIfAbsent(kind, k -> new Tally()).counts();
        counts[0]++;
        if (response.statusCode() >= 400) {
            assertThat(response.body()).as(what).containsAnyOf("problems", "\"detail\"", "\"message\"",
                    "\"error\"");
            assertThat(created).as("orders created although refused: " + what).isZero();
            assertThat(expect).as(what).isNotEqualTo(Expect.ACCEPTED);
            counts[1]++;
            return;
        }
        JsonNode answer = json(response);
        long said = 0;
        for (JsonNode interchange : answer.path("interchanges")) {
            int orders = interchange.path("orders").asInt();
            said += orders;
            if (orders > 0) {
                String ack = outboxFile(interchange, x12 ? "997" : "CONTRL");
                long acceptedSets = x12 ? java.util.regex.Pattern.compile("AK5\\*[AE]").matcher(ack).results().count()
                        : java.util.regex.Pattern.compile("UCM\\+[^']*\\+7").matcher(ack).results().count();
                assertThat(acceptedSets).as("the acknowledgement accepts what was created: " + ack + " / " + what)
                        .isGreaterThanOrEqualTo(orders);
                assertThat(ack).as(what).doesNotContain("AK9*R").doesNotContainPattern("UCI\\+[^+]*\\+[^+]*\\+[^+]*\\+4");
            }
            if ("REJECTED".equals(interchange.path("status").asText())) {
                assertThat(orders).as(what).isZero();
                assertThat(interchange.path("problems").size()).as(what).isPositive();
            }
        }
        assertThat(created).as("orders in the database vs the answer: " + what).isEqualTo(said);
        if (said > 0) {
            assertThat(expect).as(what).isNotEqualTo(Expect.REFUSED);
            counts[2]++;
        } else {
            assertThat(expect).as(what).isNotEqualTo(Expect.ACCEPTED);
            counts[1]++;
        }
    }

    /** Orders stored under this external id (the purchase order number), read from the runtime's database. */
    private static long ordersNamed(String po) {
        try (java.sql.Connection db = java.sql.DriverManager.getConnection(RuntimeProperties.get("ordersync.db.url"),
                RuntimeProperties.get("ordersync.db.user", "sa"), RuntimeProperties.get("ordersync.db.password", ""));
             java.sql.PreparedStatement query = db.prepareStatement(
                     "SELECT COUNT(*) FROM orders WHERE external_id = ?")) {
            query.setString(1, po);
            try (java.sql.ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sample(boolean x12, int control, String po) {
        return x12 ? acme850(control, po) : rheinlandOrders(control, po);
    }

    private static int nthIndex(String text, String part, int n) {
        int at = -1;
        for (int i = 0; i < n; i++) {
            at = text.indexOf(part, at + 1);
        }
        return at;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

}
