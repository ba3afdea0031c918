package dev.sparky.bench.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ImageSizeTest {

    @Test
    void anAptLayerIsNamedByTheFirstPackagesItInstalls() {
        assertEquals(
                "apt-get install openjdk-17-jre-headless ca-certificates",
                ImageSize.describe("/bin/sh -c apt-get update  && DEBIAN_FRONTEND=noninteractive apt-get install -y "
                        + "--no-install-recommends openjdk-17-jre-headless ca-certificates  && apt-get clean"));
    }

    @Test
    void aCopyLayerIsNamedByWhereItCopiedTo() {
        assertEquals(
                "COPY in /deployments/lib/",
                ImageSize.describe(
                        "/bin/sh -c #(nop) COPY dir:0b548d4487439ce9012ac52d742fbef8cf101eb0800cdc07544b2595b70d8d25 in "
                                + "/deployments/lib/ "));
    }

    @Test
    void theBaseSystemsLayerIsNamedSo() {
        assertEquals("ADD (the base system)", ImageSize.describe("/bin/sh -c #(nop) ADD file:2347 in / "));
    }
}
