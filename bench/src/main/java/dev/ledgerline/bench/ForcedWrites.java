package dev.ledgerline.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The forced writes of a traced pass, by call and file, from the lines {@code strace -f -y} wrote: for
 * example {@code fdatasync pgdata/pg_wal/*} or {@code msync logs/tranlog/log*}. A file is named by its last
 * directories and its name with numbers replaced by {@code *}, so that the segments of one log count
 * together.
 *
 * @param byTarget calls per "call file", most first
 */
record ForcedWrites(Map<String, Long> byTarget) {

    /** {@code 1234 fdatasync(7</data/pg_wal/0001>) = 0}, or the first half of a call another thread interrupted. */
    private static final Pattern CALL = Pattern.compile("^(?:\\[pid\\s+)?\\d+\\]?\\s+(fsync|fdatasync|msync)\\((.*)");
    private static final Pattern DESCRIPTOR_PATH = Pattern.compile("^\\d+<([^>]*)>");
    private static final Pattern ADDRESS = Pattern.compile("^0x([0-9a-f]+)");
    /** {@code 7f3c2c000000-7f3c2c100000 rw-s 00000000 fe:01 1234   /path/to/file} */
    private static final Pattern MAPPING = Pattern.compile("^([0-9a-f]+)-([0-9a-f]+)\\s+\\S+\\s+\\S+\\s+\\S+\\s+\\d+\\s+(/.*)$");
    private static final int DIRECTORIES_SHOWN = 2;
    /** A Narayana Uid as its file store names a record: hex fields joined by underscores (0_ffff7f000001_a9d3_…). */
    private static final Pattern UID = Pattern.compile("[0-9A-Fa-f]+(?:_[0-9A-Fa-f]+){3,}");

    ForcedWrites {
        byTarget = Collections.unmodifiableMap(new LinkedHashMap<>(byTarget));
    }

    /**
     * @param trace the lines strace wrote with {@code -f -y -o}
     * @param maps  the traced processes' {@code /proc/PID/maps} lines, read before they ended, for msync
     */
    static ForcedWrites parse(List<String> trace, List<String> maps) {
        List<Mapping> mappings = new ArrayList<>();
        for (String line : maps) {
            Matcher m = MAPPING.matcher(line.trim());
            if (m.matches()) {
                mappings.add(new Mapping(Long.parseUnsignedLong(m.group(1), 16), Long.parseUnsignedLong(m.group(2), 16),
                        m.group(3)));
            }
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String line : trace) {
            // "<... fdatasync resumed>" ends a call already counted by its "<unfinished ...>" half.
            Matcher call = CALL.matcher(line.trim());
            if (!call.find()) {
                continue;
            }
            String name = call.group(1);
            String target = name.equals("msync") ? mappedFile(call.group(2), mappings) : descriptorFile(call.group(2));
            counts.merge(name + " " + target, 1L, Long::sum);
        }
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        Map<String, Long> ordered = new LinkedHashMap<>();
        sorted.forEach(e -> ordered.put(e.getKey(), e.getValue()));
        return new ForcedWrites(ordered);
    }

    long total() {
        return byTarget.values().stream().mapToLong(Long::longValue).sum();
    }

    /** e.g. "fdatasync pgdata/pg_wal/* 2.00, msync tranlog/tranlog/log* 1.00" per transfer. */
    String describePerTransfer(long transfers) {
        List<String> parts = new ArrayList<>();
        byTarget.forEach((target, calls) -> parts.add(target + " " + String.format(java.util.Locale.ROOT, "%.2f",
                transfers == 0 ? 0.0 : (double) calls / transfers)));
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    private static String descriptorFile(String arguments) {
        Matcher m = DESCRIPTOR_PATH.matcher(arguments);
        return m.find() ? shortName(m.group(1)) : "(unnamed descriptor)";
    }

    private static String mappedFile(String arguments, List<Mapping> mappings) {
        Matcher m = ADDRESS.matcher(arguments);
        if (!m.find()) {
            return "(no address)";
        }
        long address = Long.parseUnsignedLong(m.group(1), 16);
        return mappings.stream().filter(map -> Long.compareUnsigned(address, map.start()) >= 0
                        && Long.compareUnsigned(address, map.end()) < 0)
                .map(map -> shortName(map.file())).findFirst().orElse("(a mapping gone before the count)");
    }

    /**
     * The last {@value #DIRECTORIES_SHOWN} directories and the file name, numbers as {@code *}; a name that is
     * a transaction's Uid is {@code *} whole, so that one file per transaction still counts as one file.
     */
    static String shortName(String path) {
        String[] parts = path.split("/");
        int from = Math.max(0, parts.length - DIRECTORIES_SHOWN - 1);
        List<String> kept = new ArrayList<>();
        for (int i = from; i < parts.length; i++) {
            if (!parts[i].isEmpty()) {
                kept.add(i < parts.length - 1 ? parts[i]
                        : UID.matcher(parts[i]).matches() ? "*" : parts[i].replaceAll("[0-9A-Fa-f]{8,}|\\d+", "*"));
            }
        }
        return String.join("/", kept);
    }

    private record Mapping(long start, long end, String file) {
    }
}
