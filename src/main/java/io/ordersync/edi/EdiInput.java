package io.ordersync.edi;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What real files carry before the first envelope, removed so the parser sees ISA/UNA/UNB first: a byte-order
 * mark, banner lines (mail headers, "file created by" lines) and EBCDIC encoding. Each change is reported.
 * Only the head of the input is looked at ({@link #HEAD} bytes); the rest streams through untouched.
 */
final class EdiInput {

    static final int HEAD = 64 * 1024;

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    /** "ISA" and "UNB" in EBCDIC (code page 037). */
    private static final byte[] EBCDIC_ISA = {(byte) 0xC9, (byte) 0xE2, (byte) 0xC1};
    private static final byte[] EBCDIC_UNB = {(byte) 0xE4, (byte) 0xD5, (byte) 0xC2};

    final java.io.InputStream stream;
    final List<String> warnings;
    /** What is wrong with the interchange header itself ({@link EnvelopeDiagnosis}): when any, nothing is read. */
    final List<EdiProblem> envelopeProblems;

    private EdiInput(java.io.InputStream stream, List<String> warnings, List<EdiProblem> envelopeProblems) {
        this.stream = stream;
        this.warnings = warnings;
        this.envelopeProblems = envelopeProblems;
    }

    /** Looks at the head of the stream, then hands out the stream positioned at the first envelope. */
    static EdiInput prepare(java.io.InputStream raw) throws java.io.IOException {
        java.io.PushbackInputStream in = new java.io.PushbackInputStream(raw, HEAD);
        byte[] head = in.readNBytes(HEAD);
        EdiInput prepared = prepare(head);
        byte[] cleaned = prepared.stream.readAllBytes();
        java.io.InputStream rest = in;
        if (prepared.warnings.stream().anyMatch(w -> w.contains("EBCDIC"))) {
            rest = new Ebcdic(in);
        }
        java.io.InputStream all = new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(cleaned), rest);
        return new EdiInput(withoutLayout(all, cleaned), prepared.warnings, prepared.envelopeProblems);
    }

    /**
     * Line breaks (and blanks after a segment terminator) are layout, not data: CR/LF after segment terminators, a
     * segment wrapped at a fixed width, records padded with spaces to a fixed length. They are taken out here, so the
     * parser can be strict about everything else: a control character inside an element is reported where it is,
     * not silently dropped. Nothing is taken out where CR or LF is itself a delimiter of the interchange; blanks are
     * only taken out right after an (unreleased) segment terminator.
     */
    static java.io.InputStream withoutLayout(java.io.InputStream in, byte[] head) {
        if (lineBreakDelimiter(head, at(head, 0, "ISA") ? new int[] {3, 82, 104, 105}
                : at(head, 0, "UNA") ? new int[] {3, 4, 5, 6, 7, 8} : new int[] {})) {
            return in;
        }
        // the header itself may be wrapped: its delimiters are where they are once the line breaks are out
        byte[] flat = withoutLineBreaks(head, 128);
        int n = flat.length;
        int terminator = '\'';
        int release = '?';
        int[] delimiters = {};
        if (n >= 106 && flat[0] == 'I' && flat[1] == 'S' && flat[2] == 'A') {
            delimiters = new int[] {flat[3], flat[82], flat[104], flat[105]};
            terminator = flat[105] & 0xFF;
            release = -1;
        } else if (n >= 9 && flat[0] == 'U' && flat[1] == 'N' && flat[2] == 'A') {
            delimiters = new int[] {flat[3], flat[4], flat[5], flat[6], flat[7], flat[8]};
            terminator = flat[8] & 0xFF;
            release = flat[6] == ' ' ? -1 : flat[6] & 0xFF;
        } else if (!(n >= 3 && flat[0] == 'U' && flat[1] == 'N' && flat[2] == 'B')) {
            return in; // no header this knows: the parser judges the bytes as they are
        }
        for (int delimiter : delimiters) {
            if (delimiter == '\r' || delimiter == '\n') {
                return in;
            }
        }
        return new WithoutLayout(in, terminator, release);
    }

    private static boolean lineBreakDelimiter(byte[] head, int[] positions) {
        for (int position : positions) {
            if (position < head.length && (head[position] == '\r' || head[position] == '\n')) {
                return true;
            }
        }
        return false;
    }

    /** The stream without CR and LF, and without blanks right after a segment terminator. */
    private static final class WithoutLayout extends java.io.FilterInputStream {
        private final int terminator;
        private final int release;
        private boolean afterTerminator;
        private boolean released;

        WithoutLayout(java.io.InputStream in, int terminator, int release) {
            super(in);
            this.terminator = terminator;
            this.release = release;
        }

        /** Whether the byte is kept; follows terminators and release characters. */
        private boolean keep(int b) {
            if (b == '\r' || b == '\n') {
                return false;
            }
            if (afterTerminator && (b == ' ' || b == '\t')) {
                return false;
            }
            afterTerminator = b == terminator && !released;
            released = !released && b == release;
            return true;
        }

        @Override
        public int read() throws java.io.IOException {
            int b;
            do {
                b = super.read();
            } while (b >= 0 && !keep(b));
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws java.io.IOException {
            while (true) {
                int n = super.read(buffer, offset, length);
                if (n <= 0) {
                    return n;
                }
                int kept = offset;
                for (int i = offset; i < offset + n; i++) {
                    if (keep(buffer[i] & 0xFF)) {
                        buffer[kept++] = buffer[i];
                    }
                }
                if (kept > offset) {
                    return kept - offset;
                }
            }
        }

        @Override
        public long skip(long n) throws java.io.IOException {
            long skipped = 0;
            while (skipped < n && read() >= 0) {
                skipped++;
            }
            return skipped;
        }

        @Override
        public int available() {
            return 0;
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }

    static EdiInput prepare(byte[] raw) {
        List<String> warnings = new ArrayList<>();
        byte[] data = raw;
        if (startsWith(data, 0, UTF8_BOM)) {
            data = java.util.Arrays.copyOfRange(data, UTF8_BOM.length, data.length);
            warnings.add("skipped a UTF-8 byte-order mark at the start of the file");
        }
        if (startsWith(data, 0, EBCDIC_ISA) || startsWith(data, 0, EBCDIC_UNB)) {
            data = new String(data, Charset.forName("IBM037")).getBytes(StandardCharsets.ISO_8859_1);
            warnings.add("decoded the file from EBCDIC (code page 037)");
        }
        int start = envelopeStart(data);
        if (start > 0) {
            String skipped = new String(data, 0, start, StandardCharsets.ISO_8859_1);
            long lines = skipped.lines().count();
            warnings.add("skipped " + lines + " line(s) before the first interchange header: '"
                    + abbreviate(skipped.strip()) + "'");
            data = java.util.Arrays.copyOfRange(data, start, data.length);
        }
        List<EdiProblem> envelopeProblems = EnvelopeDiagnosis.of(data);
        if (!envelopeProblems.isEmpty()) {
            EnvelopeDiagnosis.Repair repair = EnvelopeDiagnosis.repaired(data);
            if (repair != null) {
                data = repair.head();
                warnings.add(repair.warning());
                envelopeProblems = List.of();
            }
        }
        return new EdiInput(new java.io.ByteArrayInputStream(data), warnings, envelopeProblems);
    }

    /** EBCDIC (code page 037) to ISO-8859-1, byte by byte, for the part of a file after its head. */
    private static final class Ebcdic extends java.io.FilterInputStream {
        private static final byte[] TABLE = new byte[256];

        static {
            byte[] all = new byte[256];
            for (int i = 0; i < 256; i++) {
                all[i] = (byte) i;
            }
            String decoded = new String(all, Charset.forName("IBM037"));
            for (int i = 0; i < 256; i++) {
                char c = decoded.charAt(i);
                TABLE[i] = (byte) (c <= 0xFF ? c : '?');
            }
        }

        Ebcdic(java.io.InputStream in) {
            super(in);
        }

        @Override
        public int read() throws java.io.IOException {
            int b = super.read();
            return b < 0 ? b : TABLE[b] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws java.io.IOException {
            int n = super.read(buffer, offset, length);
            for (int i = offset; i < offset + Math.max(n, 0); i++) {
                buffer[i] = TABLE[buffer[i] & 0xFF];
            }
            return n;
        }
    }

    /** Offset of the first ISA/UNA/UNB that starts the file or a line; 0 when none is found (the parser says why). */
    private static int envelopeStart(byte[] data) {
        for (int i = 0; i + 3 <= data.length; i++) {
            boolean lineStart = i == 0 || data[i - 1] == '\n' || data[i - 1] == '\r';
            if (lineStart && (at(data, i, "ISA") || at(data, i, "UNA") || at(data, i, "UNB"))) {
                return i;
            }
        }
        return 0;
    }

    /** The first {@code keep} bytes of {@code head} that are not CR or LF (a header wrapped over lines, unwrapped). */
    static byte[] withoutLineBreaks(byte[] head, int keep) {
        byte[] flat = new byte[Math.min(head.length, keep)];
        int n = 0;
        for (int i = 0; i < head.length && n < flat.length; i++) {
            if (head[i] != '\r' && head[i] != '\n') {
                flat[n++] = head[i];
            }
        }
        return java.util.Arrays.copyOf(flat, n);
    }

    static boolean at(byte[] data, int offset, String text) {
        return startsWith(data, offset, text.getBytes(StandardCharsets.US_ASCII));
    }

    static boolean startsWith(byte[] data, int offset, byte[] prefix) {
        if (offset < 0 || data.length - offset < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() > 80 ? oneLine.substring(0, 80) + "..." : oneLine;
    }
}
