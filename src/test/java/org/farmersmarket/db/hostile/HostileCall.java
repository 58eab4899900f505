package org.farmersmarket.db.hostile;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.farmersmarket.db.FarmersMarketDbException;
import org.farmersmarket.db.NotFoundException;

/**
 * One generated call of a public method: its arguments, the call itself, the library exceptions a call with valid
 * arguments may end in (the domain's refusals), and what a success must satisfy.
 */
final class HostileCall {

    private final String method;
    private final List<Arg<?>> args;
    private final Supplier<?> call;
    private Set<Class<? extends FarmersMarketDbException>> allowedRefusals = Set.of(NotFoundException.class);
    private Consumer<Object> successCheck = result -> {};

    private HostileCall(String method, List<Arg<?>> args, Supplier<?> call) {
        this.method = method;
        this.args = args;
        this.call = call;
    }

    /** A call of {@code method} with these arguments; building its request is part of the call. */
    static HostileCall of(String method, List<Arg<?>> args, Supplier<?> call) {
        return new HostileCall(method, args, call);
    }

    /** The refusals a call with valid arguments may end in, instead of {@link NotFoundException} only. */
    @SafeVarargs
    final HostileCall mayBeRefusedWith(Class<? extends FarmersMarketDbException>... refusals) {
        this.allowedRefusals = Set.of(refusals);
        return this;
    }

    /** What a successful call must satisfy (a stored text read back unchanged, for example). */
    @SuppressWarnings("unchecked")
    <T> HostileCall onSuccess(Consumer<T> check) {
        this.successCheck = result -> check.accept((T) result);
        return this;
    }

    String method() {
        return method;
    }

    boolean valid() {
        return Arg.allValid(args);
    }

    Object run() {
        return call.get();
    }

    Set<Class<? extends FarmersMarketDbException>> allowedRefusals() {
        return allowedRefusals;
    }

    void checkSuccess(Object result) {
        successCheck.accept(result);
    }

    @Override
    public String toString() {
        return method + args;
    }
}
