package io.ordersync.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonBodyCheckTest {

    private static ApiContract.RefusedRequest refusal(String contentType, byte[] body) {
        return catchThrowableOfType(ApiContract.RefusedRequest.class, () -> JsonBodyCheck.check(contentType, body));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void valid_json_in_utf8_passes_and_syntax_errors_are_left_to_the_route() {
        assertThatCode(() -> JsonBodyCheck.check("application/json; charset=UTF-8",
                utf8("{\"Name\": \"Müller\\tGrüße\\n\", \"n\": [1, {\"a\": null}]}"))).doesNotThrowAnyException();
        assertThatCode(() -> JsonBodyCheck.check("application/json", utf8("{\"Name\": "))).doesNotThrowAnyException();
        assertThatCode(() -> JsonBodyCheck.check("application/json", new byte[0])).doesNotThrowAnyException();
    }

    @Test
    void bytes_that_are_not_utf8_are_refused_naming_the_offset() {
        ApiContract.RefusedRequest latin1 = refusal("application/json",
                "{\"Name\": \"Müller\"}".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(latin1.status()).isEqualTo(400);
        assertThat(latin1.code()).isEqualTo("INVALID_ENCODING");
        assertThat(latin1.getMessage()).isEqualTo("the body is not UTF-8: byte 0xFC at offset 11 starts no valid"
                + " UTF-8 sequence; send JSON in UTF-8");
        assertThat(refusal("application/json", "{}".getBytes(StandardCharsets.UTF_16)).getMessage())
                .contains("UTF-16 byte order mark");
        assertThat(refusal("application/json", new byte[] {'"', (byte) 0xC0, (byte) 0xBC, '"'}).code())
                .isEqualTo("INVALID_ENCODING");
    }

    @Test
    void a_charset_other_than_utf8_is_refused_415() {
        ApiContract.RefusedRequest refused = refusal("application/json; charset=ISO-8859-1", utf8("{}"));
        assertThat(refused.status()).isEqualTo(415);
        assertThat(refused.getMessage()).isEqualTo("JSON is accepted in UTF-8 only, not charset iso-8859-1");
    }

    @Test
    void a_member_named_twice_is_refused_naming_it() {
        ApiContract.RefusedRequest refused = refusal("application/json",
                utf8("{\"Id\": \"a\", \"Account\": {\"Name\": \"x\", \"Name\": \"y\"}}"));
        assertThat(refused.code()).isEqualTo("DUPLICATE_KEY");
        assertThat(refused.getMessage()).contains("member Name twice").contains("/Account");
    }

    @Test
    void control_characters_in_values_and_names_are_refused_naming_where() {
        ApiContract.RefusedRequest nul = refusal("application/json", utf8("{\"a\": [\"ok\", \"x\\u0000y\"]}"));
        assertThat(nul.code()).isEqualTo("CONTROL_CHARACTER");
        assertThat(nul.field()).isEqualTo("/a/1");
        assertThat(nul.getMessage()).contains("U+0000");
        assertThat(refusal("application/json", utf8("{\"a\\u001Fb\": 1}")).getMessage()).contains("member name");
    }
}
