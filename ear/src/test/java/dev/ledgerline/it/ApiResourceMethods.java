package dev.ledgerline.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.HttpMethod;

/**
 * Every operation of the REST API, as its code declares it: "GET /api/transfers/{id}", read by reflection from
 * the web module's compiled classes. What the OpenAPI document must list, without a list kept by hand.
 */
final class ApiResourceMethods {

    private ApiResourceMethods() {
    }

    /** "METHOD /path" for every resource method, e.g. "POST /api/transfers". */
    static Set<String> of(Path webClasses) {
        List<Class<?>> classes = load(webClasses);
        String application = classes.stream().map(c -> c.getAnnotation(ApplicationPath.class))
                .filter(a -> a != null).map(ApplicationPath::value).findFirst()
                .orElseThrow(() -> new AssertionError("no @ApplicationPath class in " + webClasses));
        Set<String> operations = new TreeSet<>();
        for (Class<?> resource : classes) {
            jakarta.ws.rs.Path classPath = resource.getAnnotation(jakarta.ws.rs.Path.class);
            if (classPath == null) {
                continue;
            }
            for (Method method : resource.getDeclaredMethods()) {
                String verb = httpMethod(method);
                if (verb != null && Modifier.isPublic(method.getModifiers())) {
                    jakarta.ws.rs.Path methodPath = method.getAnnotation(jakarta.ws.rs.Path.class);
                    operations.add(verb + " " + join(application, classPath.value(),
                            methodPath == null ? "" : methodPath.value()));
                }
            }
        }
        return operations;
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }

    private static String join(String... segments) {
        StringBuilder path = new StringBuilder();
        for (String segment : segments) {
            String trimmed = segment.replaceAll("^/+|/+$", "");
            if (!trimmed.isEmpty()) {
                path.append('/').append(trimmed);
            }
        }
        return path.toString();
    }

    /** The module's classes, loaded beside the test's own (which hold the APIs they refer to). */
    private static List<Class<?>> load(Path webClasses) {
        if (!Files.isDirectory(webClasses)) {
            throw new IllegalStateException("no compiled web module at " + webClasses + "; run the tests through Maven");
        }
        try (Stream<Path> files = Files.walk(webClasses)) {
            URLClassLoader loader = new URLClassLoader(new URL[] {webClasses.toUri().toURL()},
                    ApiResourceMethods.class.getClassLoader());
            List<Class<?>> classes = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = webClasses.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                classes.add(Class.forName(name, false, loader));
            }
            return classes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
