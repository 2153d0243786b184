package io.conduit.common;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext;

/**
 * A username that survives a URL path segment ({@link Usernames#problem}); the message says what is wrong. Null and
 * blank pass: whether a username must be present is the field's {@code @NotBlank}.
 */
@Documented
@Constraint(validatedBy = Username.Validator.class)
@Target({ FIELD, PARAMETER })
@Retention(RUNTIME)
public @interface Username {

    String message() default Validation.INVALID;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<Username, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            String problem = value == null || value.isBlank() ? null : Usernames.problem(value);
            if (problem == null) {
                return true;
            }
            // A parameter, not a template: the message holds a backslash, which a template would read as an escape.
            context.disableDefaultConstraintViolation();
            context.unwrap(HibernateConstraintValidatorContext.class)
                    .addMessageParameter("problem", problem)
                    .buildConstraintViolationWithTemplate("{problem}")
                    .addConstraintViolation();
            return false;
        }
    }
}
