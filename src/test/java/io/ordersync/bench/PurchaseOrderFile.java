package io.ordersync.bench;

/**
 * An X12 850 interchange from the demo partner ACME (ordersync's own sample, src/test/resources/edi/samples/
 * acme-850-clean.x12), with {@code orders} purchase orders in one functional group: each its own PO number
 * ({@code poPrefix} + number) and control numbers, the same two lines.
 */
final class PurchaseOrderFile {

    private PurchaseOrderFile() {
    }

    static String x12(int orders, String poPrefix) {
        int control = (int) (System.currentTimeMillis() / 1000 % 900_000_000) + 100_000_000;
        StringBuilder file = new StringBuilder(orders * 330 + 256);
        file.append("ISA*00*          *00*          *ZZ*ACMEHARDWARE   *ZZ*ORDERSYNC      *261123*1015*U*00401*")
                .append(control).append("*0*T*>~\n");
        file.append("GS*PO*ACMEHW*ORDERSYNC*20261123*1015*").append(control).append("*X*004010~\n");
        for (int i = 1; i <= orders; i++) {
            String st = String.format("%04d", i % 10_000);
            file.append("ST*850*").append(st).append("~\n")
                    .append("BEG*00*SA*").append(poPrefix).append(i).append("**20261123~\n")
                    .append("CUR*BY*USD~\n")
                    .append("DTM*002*20261201~\n")
                    .append("N1*ST*ACME WAREHOUSE EAST*92*WH-EAST~\n")
                    .append("N3*12 INDUSTRIAL PKWY~\n")
                    .append("N4*NEWARK*NJ*07105*US~\n")
                    .append("PO1*1*10*EA*12.50**VP*SKU-100*BP*ACME-W-1~\n")
                    .append("PID*F****BLUE WIDGET~\n")
                    .append("PO1*2*2.5*KG*3.30**VP*SKU-200~\n")
                    .append("CTT*2~\n")
                    .append("SE*12*").append(st).append("~\n");
        }
        file.append("GE*").append(orders).append('*').append(control).append("~\n");
        file.append("IEA*1*").append(control).append("~\n");
        return file.toString();
    }
}
