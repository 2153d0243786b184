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

/**
 * A field of a partial update: absent or null leaves the value unchanged (passes); a value that is sent must not be
 * blank (also usable on the elements of a list: a null element passes here). With {@code emptyMeansUnchanged}, {@code ""} passes too (the settings form's empty password box).
 */
@Documented
@Constraint(validatedBy = NotBlankIfSent.Validator.class)
@Target({ FIELD, PARAMETER, TYPE_USE })
@Retention(RUNTIME)
public @interface NotBlankIfSent {

    String message() default Validation.BLANK;

    boolean emptyMeansUnchanged() default false;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<NotBlankIfSent, String> {
        private boolean emptyMeansUnchanged;

        @Override
        public void initialize(NotBlankIfSent annotation) {
            emptyMeansUnchanged = annotation.emptyMeansUnchanged();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || (emptyMeansUnchanged && value.isEmpty()) || !value.isBlank();
        }
    }
}
