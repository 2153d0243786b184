package io.conduit.common;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

/**
 * The methods each resource path of this service takes, read once from its JAX-RS resources, so that a 405
 * names them in {@code Allow} (the REST layer answers an unsupported method without that header).
 */
@Singleton
public class AllowedMethods {

    private record Route(Pattern path, Set<String> methods) {
    }

    @Inject
    BeanManager beans;

    private volatile List<Route> routes;

    /** The {@code Allow} value for a request path, or null when no resource path matches it. */
    public String forPath(String path) {
        Set<String> allowed = new TreeSet<>();
        for (Route route : routes()) {
            if (route.path().matcher(path).matches()) {
                allowed.addAll(route.methods());
            }
        }
        if (allowed.isEmpty()) {
            return null;
        }
        if (allowed.contains("GET")) {
            allowed.add("HEAD");
        }
        allowed.add("OPTIONS");
        return String.join(", ", allowed);
    }

    private List<Route> routes() {
        if (routes == null) {
            List<Route> found = new ArrayList<>();
            for (Bean<?> bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
                Class<?> type = bean.getBeanClass();
                Path base = type.getAnnotation(Path.class);
                if (base != null) {
                    for (Method method : type.getMethods()) {
                        String verb = verbOf(method);
                        if (verb != null) {
                            Path sub = method.getAnnotation(Path.class);
                            found.add(new Route(template(base.value() + (sub == null ? "" : "/" + sub.value())), Set.of(verb)));
                        }
                    }
                }
            }
            routes = found;
        }
        return routes;
    }

    private static String verbOf(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }

    /** {@code /api/articles/{slug}/comments} as a pattern: each parameter is one path segment. */
    private static Pattern template(String path) {
        String normalised = ("/" + path).replaceAll("/+", "/").replaceAll("(.)/$", "$1");
        StringBuilder regex = new StringBuilder();
        for (String part : normalised.split("\\{[^}]*\\}", -1)) {
            if (regex.length() > 0 || normalised.startsWith("{")) {
                regex.append("[^/]+");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }
}
