package io.ordersync.edi;

import static io.ordersync.edi.OutboundValues.blankToNull;

import io.ordersync.order.CanonicalOrder;
import java.util.List;

/** Segments the X12 documents write alike: parties (N1 loop), product/service ids (PO1, LIN, IT1). */
final class X12Segments {

    private X12Segments() {
    }

    /**
     * Writes a party as an N1 loop: N1 (entity {@code qualifier}: ST ship-to, BT bill-to, name), then N3 (street) and
     * N4 (city, state, postal code, country) when the address has them.
     */
    static void party(X12Document doc, String qualifier, CanonicalOrder.Party party) {
        doc.segment("N1", qualifier, blankToNull(party.name()));
        if (blankToNull(party.street()) != null) {
            doc.segment("N3", party.street().strip());
        }
        // N402 is a two-letter state or province code (US, CA); a longer region has no place in N4
        String region = blankToNull(party.region());
        String state = region != null && region.length() == 2 ? region : null;
        if (blankToNull(party.city()) != null || state != null || blankToNull(party.postalCode()) != null
                || blankToNull(party.country()) != null) {
            doc.segment("N4", blankToNull(party.city()), state, blankToNull(party.postalCode()),
                    blankToNull(party.country()));
        }
    }

    /** Adds a product/service id pair (VP vendor's part, BP buyer's part, EN GTIN, and the id) when there is an id. */
    static void addId(List<String> elements, String qualifier, String id) {
        if (id != null && !id.isBlank()) {
            elements.add(qualifier);
            elements.add(id.strip());
        }
    }
}
