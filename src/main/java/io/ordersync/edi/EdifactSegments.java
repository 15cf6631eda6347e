package io.ordersync.edi;

import static io.ordersync.edi.OutboundValues.blankToNull;

import io.ordersync.order.CanonicalOrder;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Segments the EDIFACT messages write alike: parties (NAD), free text (FTX), item ids (PIA), dates (DTM). */
final class EdifactSegments {

    /** FTX 4451: general information. */
    static final String GENERAL_INFORMATION = "AAI";
    /** Code list responsible agency 9: GS1 (EAN), for 13-digit global location numbers. */
    private static final String GS1 = "9";

    private EdifactSegments() {
    }

    /**
     * NAD with qualifier (BY buyer, SU supplier, DP delivery party, IV invoicee, SF ship from), the party's id
     * (agency GS1 when it is a 13-digit GLN) and, when given, its name (C080, 5 x 35) and address (C059 street
     * 4 x 35, city, region, postal code, country).
     */
    static void nad(EdifactDocument doc, String qualifier, String id, CanonicalOrder.Party party) {
        String partyId = blankToNull(id);
        String[] c082 = partyId == null ? null : new String[] {partyId, null, partyId.matches("\\d{13}") ? GS1 : null};
        if (party == null) {
            doc.segment("NAD", qualifier, c082);
            return;
        }
        // 3229 is a country sub-entity code of up to 9 characters; a region written out has no place in NAD
        String region = blankToNull(party.region());
        doc.segment("NAD", qualifier, c082, null,
                OutboundValues.pieces(party.name(), 35, 5, "NAD " + qualifier + " party name"),
                OutboundValues.pieces(party.street(), 35, 4, "NAD " + qualifier + " street"),
                blankToNull(party.city()), region != null && region.length() <= 9 ? region : null,
                blankToNull(party.postalCode()), blankToNull(party.country()));
    }

    /** NAD+BY with the buyer's id as the order carries it (the partner's own number for itself). */
    static void buyer(EdifactDocument doc, CanonicalOrder order, PartnerProfiles.Profile partner) {
        String id = OutboundValues.firstPresent(order.customer() == null ? null : order.customer().erpCustomerNumber(),
                partner.identity().unbId());
        nad(doc, "BY", id, order.soldTo());
    }

    /** NAD+SU: ordersync's side, by the identity it has in the partner's envelopes. */
    static void supplier(EdifactDocument doc, PartnerProfiles.Profile partner) {
        nad(doc, "SU", partner.ourIdentity().unbId(), null);
    }

    /** FTX general information with a text of up to 5 x 70 characters (longer free text is cut: it informs only). */
    static void freeText(EdifactDocument doc, String text) {
        String value = blankToNull(text);
        if (value == null) {
            return;
        }
        if (value.length() > 350) {
            value = value.substring(0, 350);
        }
        doc.segment("FTX", GENERAL_INFORMATION, null, null, OutboundValues.pieces(value, 70, 5, "FTX text"));
    }

    /** PIA 1 (additional identification) with the buyer's item number (IN) and the GTIN (EN), when known. */
    static void additionalIds(EdifactDocument doc, CanonicalOrder.Line line) {
        List<Object> pia = new ArrayList<>(List.of("1"));
        if (blankToNull(line.customerPartNumber()) != null) {
            pia.add(new String[] {line.customerPartNumber().strip(), "IN"});
        }
        if (blankToNull(line.gtin()) != null) {
            pia.add(new String[] {line.gtin().strip(), "EN"});
        }
        if (pia.size() > 1) {
            doc.segment("PIA", pia.toArray());
        }
    }

    /** DTM's C507: qualifier, CCYYMMDD, format 102. */
    static String[] date(String qualifier, LocalDate date) {
        return new String[] {qualifier, OutboundValues.date(date), "102"};
    }
}
