package io.ordersync.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.apache.camel.Exchange;

/**
 * Names under which an inbox keeps the files it has read, in its archive folders (done and error): unique, so that
 * nothing archived is ever overwritten. Camel's file consumer deletes whatever is at the target of a move, so a file
 * with the name of one archived earlier would replace it; the name is therefore chosen when the file arrives: the
 * inbox's usual name when it is free in every archive folder, else the same with {@code -2}, {@code -3}, ... before
 * the extension ({@code orders.csv} -> {@code orders-2.csv}). A file of a name can only arrive once the one before it
 * has left the inbox, so the check cannot race with the move of an earlier file of that name.
 */
public class FileArchive {

    /** Exchange property: the archive name chosen for the file, relative to each archive folder. */
    public static final String NAME = ExchangeProperties.ARCHIVE_NAME;

    private final Clock clock;
    private final List<String> folders;
    private final DateTimeFormatter prefix;

    /**
     * @param folders the archive folders, relative to the inbox (e.g. {@code done}, {@code error})
     * @param prefix  the pattern of what goes before the file's name (e.g. {@code yyyyMMdd/HHmmssSSS-}: a folder per
     *                day and the time of arrival), in UTC
     */
    public FileArchive(Clock clock, List<String> folders, String prefix) {
        this.clock = clock;
        this.folders = List.copyOf(folders);
        this.prefix = DateTimeFormatter.ofPattern(prefix).withZone(ZoneOffset.UTC);
    }

    /** Sets {@link #NAME} for the file being read (headers CamelFileParent and CamelFileNameOnly). */
    public void choose(Exchange exchange) {
        String parent = exchange.getMessage().getHeader(Exchange.FILE_PARENT, String.class);
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        exchange.setProperty(NAME, name(Path.of(parent == null ? "." : parent), name == null ? "unnamed" : name));
    }

    /** The first of {@code <prefix><name>}, {@code <prefix><base>-2<ext>}, ... that no archive folder holds. */
    public String name(Path inbox, String fileName) {
        String stem = prefix.format(clock.instant());
        int dot = fileName.lastIndexOf('.');
        String base = dot > 0 ? fileName.substring(0, dot) : fileName;
        String extension = dot > 0 ? fileName.substring(dot) : "";
        String candidate = stem + fileName;
        for (int n = 2; taken(inbox, candidate); n++) {
            candidate = stem + base + "-" + n + extension;
        }
        return candidate;
    }

    private boolean taken(Path inbox, String candidate) {
        for (String folder : folders) {
            if (Files.exists(inbox.resolve(folder).resolve(candidate))) {
                return true;
            }
        }
        return false;
    }
}
