package dev.ledgerline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * A Java Flight Recording of one scenario in a process under test, started and stopped through {@code jcmd},
 * and what it says: where the process spent its CPU (execution samples, by the code area of the innermost
 * frame that belongs to a known area, and by the innermost method) and how often it forced a file to disk
 * ({@code jdk.FileForce}: H2's file and Liberty's transaction log both live in the server's JVM).
 */
final class JfrProfile {

    private static final Pattern FILE_FORCE_THRESHOLD = Pattern.compile(
            "(<event name=\"jdk.FileForce\">.*?<setting name=\"threshold\"[^>]*>)([^<]*)(</setting>)", Pattern.DOTALL);

    /** Package prefixes, most specific first, and the area a sample in them is charged to. */
    private static final Map<String, String> AREAS = areas();

    private final long pid;
    private final String name;
    private final Path file;

    private JfrProfile(long pid, String name, Path file) {
        this.pid = pid;
        this.name = name;
        this.file = file;
    }

    /**
     * Starts a recording with the JDK's "profile" settings (execution samples every 10 ms of CPU), except that
     * every forced write is recorded: those settings drop the ones faster than 10 ms, which on a disk with a
     * write cache is most of them.
     */
    static JfrProfile start(long pid, String name, Path file) throws IOException {
        Path settings = file.resolveSibling("every-file-force.jfc");
        if (!Files.exists(settings)) {
            Files.writeString(settings, everyFileForce());
        }
        ProcessMeter.jcmd(pid, "JFR.start", "name=" + name, "settings=" + settings, "filename=" + file);
        return new JfrProfile(pid, name, file);
    }

    /** The JDK's profile.jfc with the jdk.FileForce threshold at 0 ms. */
    static String everyFileForce() throws IOException {
        String profile = Files.readString(Path.of(System.getProperty("java.home"), "lib", "jfr", "profile.jfc"));
        Matcher m = FILE_FORCE_THRESHOLD.matcher(profile);
        if (!m.find()) {
            throw new IOException("the JDK's profile.jfc has no jdk.FileForce threshold to lower");
        }
        return m.replaceFirst("$1" + "0 ms" + "$3");
    }

    /** Stops the recording, writes it, and summarizes it per transfer. */
    Summary stop(String scenario, int transfers) throws IOException {
        ProcessMeter.jcmd(pid, "JFR.stop", "name=" + name);
        Map<String, Integer> byArea = new HashMap<>();
        Map<String, Integer> byMethod = new HashMap<>();
        int samples = 0;
        long forces = 0;
        Duration forceTime = Duration.ZERO;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                switch (event.getEventType().getName()) {
                    case "jdk.ExecutionSample" -> {
                        if (event.getStackTrace() == null || event.getStackTrace().getFrames().isEmpty()) {
                            continue;
                        }
                        samples++;
                        List<RecordedFrame> frames = event.getStackTrace().getFrames();
                        byMethod.merge(method(frames.get(0)), 1, Integer::sum);
                        byArea.merge(area(frames), 1, Integer::sum);
                    }
                    case "jdk.FileForce" -> {
                        forces++;
                        forceTime = forceTime.plus(event.getDuration());
                    }
                    default -> {
                    }
                }
            }
        }
        return new Summary(scenario, transfers, samples, top(byArea, 8), top(byMethod, 10), forces, forceTime, file);
    }

    private static String method(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    /** The area of the innermost frame that has one; a sample in the JDK alone is charged to "JDK". */
    private static String area(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            for (Map.Entry<String, String> area : AREAS.entrySet()) {
                if (type.startsWith(area.getKey())) {
                    return area.getValue();
                }
            }
        }
        return "JDK";
    }

    private static Map<String, String> areas() {
        Map<String, String> areas = new LinkedHashMap<>();
        areas.put("dev.ledgerline.", "Ledgerline code");
        areas.put("org.h2.", "H2");
        areas.put("org.postgresql.", "PostgreSQL driver");
        areas.put("org.apache.activemq.artemis.", "Artemis client and adapter");
        areas.put("io.netty.", "Netty (Artemis transport)");
        areas.put("com.ibm.tx.", "Liberty transaction manager");
        areas.put("com.ibm.ws.Transaction.", "Liberty transaction manager");
        areas.put("com.ibm.ws.tx.", "Liberty transaction manager");
        areas.put("com.ibm.ejs.j2c.", "Liberty connection pools (JCA)");
        areas.put("com.ibm.ws.rsadapter.", "Liberty JDBC wrappers");
        areas.put("com.ibm.ws.jca.", "Liberty connection pools (JCA)");
        areas.put("com.ibm.ws.ejbcontainer.", "Liberty EJB container");
        areas.put("com.ibm.ejs.", "Liberty EJB container");
        areas.put("org.apache.cxf.", "Liberty REST (CXF)");
        areas.put("com.ibm.ws.http", "Liberty HTTP");
        areas.put("com.ibm.ws.logging", "Liberty logging");
        areas.put("com.ibm.", "Liberty, other");
        areas.put("io.openliberty.", "Liberty, other");
        areas.put("io.smallrye.", "MicroProfile (SmallRye)");
        areas.put("org.jboss.weld.", "CDI (Weld)");
        areas.put("org.eclipse.yasson.", "JSON-B (Yasson)");
        return areas;
    }

    private static List<Share> top(Map<String, Integer> counts, int limit) {
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
                .limit(limit)
                .map(e -> new Share(e.getKey(), e.getValue(), total == 0 ? 0 : 100.0 * e.getValue() / total))
                .toList();
    }

    record Share(String what, int samples, double percent) {
    }

    /**
     * @param forces     {@code jdk.FileForce} events: forced writes of a file to disk (fsync/fdatasync)
     * @param forceTime  their summed duration
     */
    record Summary(String scenario, int transfers, int samples, List<Share> areas, List<Share> methods,
                   long forces, Duration forceTime, Path recording) {

        double forcesPerTransfer() {
            return transfers == 0 ? 0 : (double) forces / transfers;
        }
    }
}
