package io.conduit.common;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** Text PostgreSQL can store and that is valid Unicode ({@link Validation#isCleanText}); null passes. */
@Documented
@Constraint(validatedBy = CleanText.Validator.class)
@Target({ FIELD, PARAMETER, TYPE_USE })
@Retention(RUNTIME)
public @interface CleanText {

    String message() default Validation.NOT_ALLOWED;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<CleanText, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || Validation.isCleanText(value);
        }
    }
}
