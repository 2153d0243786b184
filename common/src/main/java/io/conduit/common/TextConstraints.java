package io.conduit.common;

import jakarta.inject.Singleton;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.hibernate.validator.BaseHibernateValidatorConfiguration;
import org.hibernate.validator.cfg.ConstraintMapping;

import io.quarkus.hibernate.validator.ValidatorFactoryCustomizer;

/**
 * The standard constraints, on text, as the contract counts: {@link Size} counts Unicode code points (an emoji is
 * one character; JSON Schema's {@code maxLength}, which the OpenAPI documents derive from {@code @Size}, counts the
 * same way), and {@link NotBlank} uses {@link String#isBlank()} (Unicode whitespace), where Hibernate Validator's
 * own count UTF-16 units and trim ASCII controls. They are added for {@code String}, more specific than the
 * built-in {@code CharSequence} validators, which therefore never run on a String.
 */
@Singleton
public class TextConstraints implements ValidatorFactoryCustomizer {

    @Override
    public void customize(BaseHibernateValidatorConfiguration<?> configuration) {
        ConstraintMapping mapping = configuration.createConstraintMapping();
        mapping.constraintDefinition(Size.class).includeExistingValidators(true).validatedBy(CodePointSize.class);
        mapping.constraintDefinition(NotBlank.class).includeExistingValidators(true).validatedBy(NotBlankText.class);
        configuration.addMapping(mapping);
    }

    public static class CodePointSize implements ConstraintValidator<Size, String> {
        private int min;
        private int max;

        @Override
        public void initialize(Size size) {
            min = size.min();
            max = size.max();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            int length = value.codePointCount(0, value.length());
            return length >= min && length <= max;
        }
    }

    public static class NotBlankText implements ConstraintValidator<NotBlank, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value != null && !value.isBlank();
        }
    }
}
