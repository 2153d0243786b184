package io.conduit.posts.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Starts the fake users-service before the application and points the REST client at it. */
public class FakeUsersResource implements QuarkusTestResourceLifecycleManager {

    private FakeUsersService service;

    @Override
    public Map<String, String> start() {
        service = new FakeUsersService();
        service.start();
        return Map.of("quarkus.rest-client.users-service.url", service.url());
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(service,
                new TestInjector.AnnotatedAndMatchesType(InjectFakeUsers.class, FakeUsersService.class));
    }

    @Override
    public void stop() {
        if (service != null) {
            service.stop();
        }
    }
}
