package dev.ledgerline.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The README is a tour and docs/ holds the rest, so a reader moves between them by links: a link that leads
 * nowhere breaks the tour. This test reads README.md and every Markdown file under docs/ and checks each
 * relative link (the file or folder exists; an {@code #anchor} into a Markdown file names one of its headings,
 * slugged as GitHub does), and checks that every {@code docs/….md} or {@code docs/….png} path that the code,
 * the build files, {@code bin/} or {@code .ci/} mention exists. Every broken link is listed, with file and line.
 */
class DocumentationLinksTest {

    /** {@code [text](target)} or {@code ![alt](target "title")}; the text may span lines. */
    private static final Pattern MARKDOWN_LINK = Pattern.compile("\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern HTML_ANCHOR = Pattern.compile("<a\\s+(?:name|id)=\"([^\"]+)\"");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(```|~~~).*$");
    /** A path into docs/ as code and scripts cite it, not part of a longer path such as target/docs/. */
    private static final Pattern CITED_DOCS_PATH = Pattern.compile("(?<![\\w./-])docs/[\\w./-]*?\\.(?:md|png)\\b");

    private final Path root = repositoryRoot();

    @Test
    void everyRelativeLinkInTheDocumentationLeadsSomewhere() throws IOException {
        List<String> broken = new ArrayList<>();
        Map<Path, Set<String>> anchorsByFile = new HashMap<>();
        List<Path> pages = markdownPages();
        assertTrue(pages.contains(root.resolve("README.md")), "README.md not found under " + root);
        for (Path page : pages) {
            String text = withoutFencedCode(Files.readString(page));
            Matcher link = MARKDOWN_LINK.matcher(text);
            while (link.find()) {
                String target = link.group(1);
                String problem = problemWith(page, target, anchorsByFile);
                if (problem != null) {
                    broken.add(root.relativize(page) + ":" + lineOf(text, link.start()) + ": (" + target + ") " + problem);
                }
            }
        }
        if (!broken.isEmpty()) {
            fail(broken.size() + " broken link(s) in the documentation:\n  " + String.join("\n  ", broken));
        }
    }

    @Test
    void everyDocumentationPathTheCodeCitesExists() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path file : filesThatCiteDocs()) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
            for (int i = 0; i < lines.size(); i++) {
                Matcher cited = CITED_DOCS_PATH.matcher(lines.get(i));
                while (cited.find()) {
                    if (!Files.exists(root.resolve(cited.group()))) {
                        broken.add(root.relativize(file) + ":" + (i + 1) + ": " + cited.group() + " does not exist");
                    }
                }
            }
        }
        if (!broken.isEmpty()) {
            fail(broken.size() + " documentation path(s) cited but missing:\n  " + String.join("\n  ", broken));
        }
    }

    private String problemWith(Path page, String target, Map<Path, Set<String>> anchorsByFile) {
        String lower = target.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http:") || lower.startsWith("https:") || lower.startsWith("mailto:")) {
            return null;
        }
        if (lower.matches("^[a-z][a-z0-9+.-]*:.*")) {
            return "is neither relative nor http(s) or mailto";
        }
        int hash = target.indexOf('#');
        String pathPart = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path resolved = pathPart.isEmpty()
                ? page
                : page.getParent().resolve(URLDecoder.decode(pathPart, StandardCharsets.UTF_8)).normalize();
        if (!resolved.startsWith(root)) {
            return "leads outside the repository";
        }
        if (!Files.exists(resolved)) {
            return "does not exist";
        }
        if (anchor == null || anchor.isEmpty()) {
            return null;
        }
        if (!resolved.getFileName().toString().endsWith(".md") || Files.isDirectory(resolved)) {
            return null;
        }
        Set<String> anchors = anchorsByFile.computeIfAbsent(resolved, DocumentationLinksTest::anchorsOf);
        return anchors.contains(anchor.toLowerCase(Locale.ROOT))
                ? null
                : "no heading of " + root.relativize(resolved) + " has the anchor #" + anchor;
    }

    /** The anchors GitHub gives a page's headings (with -1, -2 for repeats), and any explicit HTML anchors. */
    static Set<String> anchorsOf(Path markdown) {
        String text;
        try {
            text = withoutFencedCode(Files.readString(markdown));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : text.split("\n", -1)) {
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                String slug = slug(heading.group(1));
                int n = seen.merge(slug, 1, Integer::sum) - 1;
                anchors.add(n == 0 ? slug : slug + "-" + n);
            }
            Matcher html = HTML_ANCHOR.matcher(line);
            while (html.find()) {
                anchors.add(html.group(1).toLowerCase(Locale.ROOT));
            }
        }
        return anchors;
    }

    /** GitHub's heading slug: link text kept, markup dropped, lower case, punctuation removed, spaces to hyphens. */
    static String slug(String heading) {
        String text = heading
                .replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1")
                .replaceAll("<[^>]+>", "")
                .toLowerCase(Locale.ROOT);
        StringBuilder slug = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                slug.appendCodePoint(c);
            } else if (c == ' ') {
                slug.append('-');
            }
        });
        return slug.toString();
    }

    /** Fenced code blocks become empty lines, so that line numbers still count and code is not read as links. */
    private static String withoutFencedCode(String text) {
        StringBuilder out = new StringBuilder();
        boolean inFence = false;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            boolean fence = FENCE.matcher(lines[i]).matches();
            if (!inFence && !fence) {
                out.append(lines[i]);
            }
            if (fence) {
                inFence = !inFence;
            }
            if (i < lines.length - 1) {
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private List<Path> markdownPages() throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(root.resolve("README.md"));
        Path docs = root.resolve("docs");
        if (Files.isDirectory(docs)) {
            try (Stream<Path> files = Files.walk(docs)) {
                files.filter(Files::isRegularFile)
                        .filter(p -> p.getFileName().toString().endsWith(".md"))
                        .sorted()
                        .forEach(pages::add);
            }
        }
        return pages;
    }

    /** *.java and *.xml outside build output, and every file under bin/ and .ci/. */
    private List<Path> filesThatCiteDocs() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> all = Files.walk(root)) {
            all.filter(Files::isRegularFile)
                    .filter(p -> !isSkipped(root.relativize(p)))
                    .filter(p -> {
                        Path relative = root.relativize(p);
                        String name = p.getFileName().toString();
                        String top = relative.getName(0).toString();
                        return name.endsWith(".java") || name.endsWith(".xml")
                                || (relative.getNameCount() > 1 && (top.equals("bin") || top.equals(".ci")));
                    })
                    .sorted()
                    .forEach(files::add);
        }
        return files;
    }

    private static boolean isSkipped(Path relative) {
        for (Path part : relative) {
            String name = part.toString();
            if (name.equals("target") || name.equals(".git") || name.equals("node_modules")) {
                return true;
            }
        }
        String top = relative.getName(0).toString();
        return top.equals("data");
    }

    /** Up from the working directory to the folder holding .ci, or the parent pom that lists the testkit. */
    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve(".ci")) || listsTestkit(d.resolve("pom.xml"))) {
                return d;
            }
        }
        throw new IllegalStateException("no repository root (a folder with .ci or the parent pom) above " + dir);
    }

    private static boolean listsTestkit(Path pom) {
        try {
            return Files.isRegularFile(pom) && Files.readString(pom).contains("<module>testkit</module>");
        } catch (IOException e) {
            return false;
        }
    }
}
