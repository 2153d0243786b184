package io.conduit.users;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.ws.rs.NameBinding;

/**
 * Marks the {@code /internal} resources: {@link InternalCallerFilter} lets a request reach them only with the
 * internal caller credential. Bound to the resource classes rather than to a path prefix, so no spelling of the
 * path (encoded, dot-segments, doubled slashes) reaches an internal endpoint without the check.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface InternalOnly {
}
