package io.ordersync.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Parser messages as API callers read them. */
class ParserMessagesTest {

    @Test
    void parser_messages_keep_the_position_and_lose_the_parser_vocabulary() {
        assertThat(ParserMessages.readable("Unexpected end-of-input: expected close marker for Object (start marker at"
                + " [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 1])"))
                .isEqualTo("Unexpected end-of-input: expected close marker for Object (start marker at line 1,"
                        + " column 1)");
        assertThat(ParserMessages.readable("Number value length (1001) exceeds the maximum allowed (1000, from"
                + " `StreamReadConstraints.getMaxNumberLength()`)"))
                .isEqualTo("Number value length (1001) exceeds the maximum allowed (1000)");
        assertThat(ParserMessages.readable("JSON spec does not allow numbers to have plus signs: enable"
                + " `JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS` to allow"))
                .isEqualTo("JSON spec does not allow numbers to have plus signs");
        assertThat(ParserMessages.readable("Cannot deserialize value of type `java.math.BigDecimal` from String"))
                .isEqualTo("Cannot deserialize value of type BigDecimal from String");
    }
}
