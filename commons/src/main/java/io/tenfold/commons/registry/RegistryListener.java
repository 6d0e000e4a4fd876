package io.tenfold.commons.registry;

/** Told of every registry change after it is committed to the projection: for in-memory caches. */
public interface RegistryListener {

    void changed(RegistryChange change);
}
