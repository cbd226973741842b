package no.formidling.web;

import java.math.BigInteger;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.convert.converter.ConverterFactory;

/**
 * Binds enum query and path values as ASP.NET does upstream: a constant's name in any case, or its number.
 * Anything else, an out-of-range or oversized number included, is an {@link IllegalArgumentException}, which
 * Spring reports as a type mismatch and {@link ProblemHandler} answers as a 400 validation problem.
 */
final class AspNetEnumConverterFactory implements ConverterFactory<String, Enum<?>> {

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T extends Enum<?>> Converter<String, T> getConverter(Class<T> targetType) {
        Class<?> enumType = targetType;
        while (enumType != null && !enumType.isEnum()) {
            enumType = enumType.getSuperclass(); // a constant with a body is a subclass of its enum
        }
        return new ByName(enumType == null ? targetType : enumType);
    }

    static <E> E parse(String value, Class<E> type) {
        String v = value.trim();
        if (v.isEmpty()) {
            return null;
        }
        E[] constants = type.getEnumConstants();
        if (v.matches("[+-]?\\d+")) {
            // BigInteger: a number of any length is a value out of range, never a NumberFormatException
            BigInteger number = new BigInteger(v);
            if (number.signum() >= 0 && number.compareTo(BigInteger.valueOf(constants.length)) < 0) {
                return constants[number.intValue()];
            }
            throw new IllegalArgumentException("No " + type.getSimpleName() + " has the number " + v);
        }
        for (E e : constants) {
            if (((Enum<?>) e).name().equalsIgnoreCase(v)) {
                return e;
            }
        }
        throw new IllegalArgumentException("No " + type.getSimpleName() + " is named " + v);
    }

    private record ByName<T>(Class<T> type) implements Converter<String, T> {
        @Override
        public T convert(String source) {
            return parse(source, type);
        }
    }
}
