package org.farmersmarket.db.hostile;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * A generator of values drawn from a seeded {@link RandomGenerator}: the same seed gives the same values, so a
 * failing call is found again by running with the seed the test printed.
 */
@FunctionalInterface
interface Gen<T> {

    /** Draws one value. */
    T next(RandomGenerator random);

    /** This generator's values, transformed. */
    default <R> Gen<R> map(Function<? super T, ? extends R> mapping) {
        return random -> mapping.apply(next(random));
    }

    /** This generator's values that pass {@code test}, drawn again until one does. */
    default Gen<T> filter(Predicate<? super T> test) {
        return random -> {
            for (int attempt = 0; attempt < 1_000; attempt++) {
                T value = next(random);
                if (test.test(value)) {
                    return value;
                }
            }
            throw new IllegalStateException("a filter rejected 1,000 values in a row");
        };
    }

    /** Lists of {@code min} to {@code max} values of this generator. */
    default Gen<List<T>> list(int min, int max) {
        return random -> {
            int size = random.nextInt(min, max + 1);
            List<T> values = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                values.add(next(random));
            }
            return values;
        };
    }

    /** Always {@code value}, the same instance (a 10 MB text is made once). */
    static <T> Gen<T> just(T value) {
        return random -> value;
    }

    /** A new value from {@code supplier} each time, whatever the seed (for values that must be fresh). */
    static <T> Gen<T> fresh(Supplier<T> supplier) {
        return random -> supplier.get();
    }

    /** One of {@code values}, each as likely. */
    @SafeVarargs
    static <T> Gen<T> of(T... values) {
        return of(List.of(values));
    }

    /** One of {@code values}, each as likely. */
    static <T> Gen<T> of(List<T> values) {
        List<T> choices = List.copyOf(values);
        return random -> choices.get(random.nextInt(choices.size()));
    }

    /** A value of one of {@code generators}, each chosen as often. */
    @SafeVarargs
    static <T> Gen<T> oneOf(Gen<? extends T>... generators) {
        return oneOf(List.of(generators));
    }

    /** A value of one of {@code generators}, each chosen as often. */
    static <T> Gen<T> oneOf(List<? extends Gen<? extends T>> generators) {
        List<Gen<? extends T>> choices = List.copyOf(generators);
        return random -> choices.get(random.nextInt(choices.size())).next(random);
    }

    /** A value of {@code first}, {@code second} or {@code third}, each chosen in proportion to its weight. */
    static <T> Gen<T> weighted(
            int firstWeight, Gen<T> first, int secondWeight, Gen<T> second, int thirdWeight, Gen<T> third) {
        int total = firstWeight + secondWeight + thirdWeight;
        return random -> {
            int draw = random.nextInt(total);
            if (draw < firstWeight) {
                return first.next(random);
            }
            return draw < firstWeight + secondWeight ? second.next(random) : third.next(random);
        };
    }

    /** An integer from {@code min} to {@code max}, both included. */
    static Gen<Integer> between(int min, int max) {
        return random -> random.nextInt(min, max + 1);
    }

    /** Text of {@code minLength} to {@code maxLength} characters of {@code alphabet}. */
    static Gen<String> text(String alphabet, int minLength, int maxLength) {
        return random -> {
            int length = random.nextInt(minLength, maxLength + 1);
            StringBuilder text = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            return text.toString();
        };
    }

    /** Values of two generators, combined. */
    static <A, B, R> Gen<R> combine(Gen<A> a, Gen<B> b, BiFunction<A, B, R> combination) {
        return random -> combination.apply(a.next(random), b.next(random));
    }

    /** Values of three generators, combined. */
    static <A, B, C, R> Gen<R> combine(Gen<A> a, Gen<B> b, Gen<C> c, Combination3<A, B, C, R> combination) {
        return random -> combination.apply(a.next(random), b.next(random), c.next(random));
    }

    /** Values of four generators, combined. */
    static <A, B, C, D, R> Gen<R> combine(
            Gen<A> a, Gen<B> b, Gen<C> c, Gen<D> d, Combination4<A, B, C, D, R> combination) {
        return random -> combination.apply(a.next(random), b.next(random), c.next(random), d.next(random));
    }

    /** Values of five generators, combined. */
    static <A, B, C, D, E, R> Gen<R> combine(
            Gen<A> a, Gen<B> b, Gen<C> c, Gen<D> d, Gen<E> e, Combination5<A, B, C, D, E, R> combination) {
        return random ->
                combination.apply(a.next(random), b.next(random), c.next(random), d.next(random), e.next(random));
    }

    /** Values of six generators, combined. */
    static <A, B, C, D, E, F, R> Gen<R> combine(
            Gen<A> a, Gen<B> b, Gen<C> c, Gen<D> d, Gen<E> e, Gen<F> f, Combination6<A, B, C, D, E, F, R> combination) {
        return random -> combination.apply(
                a.next(random), b.next(random), c.next(random), d.next(random), e.next(random), f.next(random));
    }

    /** Three values into one. */
    @FunctionalInterface
    interface Combination3<A, B, C, R> {
        R apply(A a, B b, C c);
    }

    /** Four values into one. */
    @FunctionalInterface
    interface Combination4<A, B, C, D, R> {
        R apply(A a, B b, C c, D d);
    }

    /** Five values into one. */
    @FunctionalInterface
    interface Combination5<A, B, C, D, E, R> {
        R apply(A a, B b, C c, D d, E e);
    }

    /** Six values into one. */
    @FunctionalInterface
    interface Combination6<A, B, C, D, E, F, R> {
        R apply(A a, B b, C c, D d, E e, F f);
    }
}
