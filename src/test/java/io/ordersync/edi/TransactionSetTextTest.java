package io.ordersync.edi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TransactionSetTextTest {

    private static final String ISA = "ISA*00*          *00*          *ZZ*ACME           *ZZ*ORDERSYNC      *240101*1200*U*00401*000000901*0*P*>~";

    @Test
    void the_transaction_set_at_its_place_in_the_file_one_segment_per_line() {
        String file = ISA + "\nGS*PO*ACME*ORDERSYNC*20240101*1200*1*X*004010~\n"
                + "ST*850*0001~BEG*00*SA*PO-1**20240101~SE*3*0001~\n"
                + "ST*850*0002~BEG*00*SA*PO-2**20240101~PO1*1*2*EA~SE*4*0002~\n"
                + "GE*2*1~IEA*1*000000901~";
        assertThat(TransactionSetText.of(bytes(file)).text(1, "0002"))
                .isEqualTo("ST*850*0002~\nBEG*00*SA*PO-2**20240101~\nPO1*1*2*EA~\nSE*4*0002~");
        assertThat(TransactionSetText.of(bytes(file)).text(0, "0001")).startsWith("ST*850*0001~").endsWith("SE*3*0001~")
                .doesNotContain("PO-2");
        // without a place: the control number
        assertThat(TransactionSetText.of(bytes(file)).text(-1, "0002")).contains("PO-2").doesNotContain("PO-1");
        assertThat(TransactionSetText.of(bytes(file)).text(5, "0009")).isNull();
    }

    @Test
    void edifact_with_its_una_and_release_characters() {
        String file = "UNA:+.? 'UNB+UNOC:3+ACME:ZZ+ORDERSYNC:ZZ+240101:1200+77'"
                + "UNH+1+ORDERS:D:96A:UN'BGM+220+PO-9'FTX+AAI+++It?'s urgent'UNT+4+1'"
                + "UNH+2+ORDERS:D:96A:UN'BGM+220+PO-10'UNT+3+2'UNZ+2+77'";
        assertThat(TransactionSetText.of(bytes(file)).text(0, "1"))
                .isEqualTo("UNH+1+ORDERS:D:96A:UN'\nBGM+220+PO-9'\nFTX+AAI+++It?'s urgent'\nUNT+4+1'");
        assertThat(TransactionSetText.of(bytes(file)).text(-1, "2")).contains("PO-10").doesNotContain("PO-9");
    }

    @Test
    void a_file_of_many_sets_is_read_once_for_all_of_them() {
        StringBuilder file = new StringBuilder(ISA).append("GS*PO*ACME*ORDERSYNC*20240101*1200*1*X*004010~");
        for (int i = 0; i < 20_000; i++) {
            String number = String.format("%04d", i % 10_000);
            file.append("ST*850*").append(number).append("~BEG*00*SA*PO-").append(i).append("**20240101~SE*3*")
                    .append(number).append("~");
        }
        TransactionSetText sets = TransactionSetText.of(bytes(file.toString()));
        // every set found by its place, the last as cheaply as the first
        for (int i = 0; i < 20_000; i++) {
            assertThat(sets.text(i, null)).contains("BEG*00*SA*PO-" + i + "**");
        }
    }

    @Test
    void text_that_is_no_edi_has_no_transaction_set() {
        assertThat(TransactionSetText.of(bytes("{\"not\": \"edi\"}")).text(0, "1")).isNull();
        assertThat(TransactionSetText.of(bytes("ISA*short")).text(0, "1")).isNull();
    }

    @Test
    void utf8_text_of_a_partner_stays_readable() {
        String file = ISA + "ST*850*0001~N1*ST*Müller GmbH~SE*3*0001~IEA*1*000000901~";
        assertThat(TransactionSetText.of(file.getBytes(StandardCharsets.UTF_8)).text(0, "0001")).contains("Müller GmbH");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
