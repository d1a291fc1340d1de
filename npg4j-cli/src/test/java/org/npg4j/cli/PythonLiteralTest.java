package org.npg4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.npg4j.train.ConfigLayers;

class PythonLiteralTest {
    private static String json(String python) {
        return PythonLiteral.parse(python, "f.yml: policy_kwargs").toString();
    }

    @Test
    void zooPolicyKwargsReadAsMappings() {
        assertEquals("{\"net_arch\":[64,64],\"activation_fn\":\"nn.Tanh\"}",
                json("dict(net_arch=[64, 64], activation_fn=nn.Tanh)"));
        assertEquals("{\"log_std_init\":-2,\"ortho_init\":false,\"activation_fn\":\"nn.ReLU\","
                        + "\"net_arch\":{\"pi\":[256,256],\"vf\":[256,256]}}",
                json("dict(log_std_init=-2, ortho_init=False, activation_fn=th.nn.ReLU, "
                        + "net_arch=dict(pi=[256, 256], vf=[256, 256]))"));
        assertEquals("{\"net_arch\":[{\"pi\":[64],\"vf\":[64]}],\"x\":0.5}",
                json(" dict( net_arch = [ dict(pi=[64], vf=[64]) , ], x=5e-1, ) "));
        assertEquals("{\"norm_obs\":true,\"norm_reward\":false,\"gamma\":null}",
                json("{'norm_obs': True, \"norm_reward\": False, 'gamma': None}"));
        assertEquals("[1,2.5,\"a\"]", json("(1, 2.5, 'a')"));
    }

    @Test
    void otherPythonIsRefusedNamingTheColumn() {
        for (String[] bad : new String[][] {
                {"dict(net_arch=[64, 64]", "column 23: expected ',' or ')'"},
                {"nn.Sequential(nn.Tanh)", "column 14: only dict(...) calls are supported, found nn.Sequential(...)"},
                {"dict(a=1) + 2", "column 11: unexpected '+'"},
                {"{'a' 1}", "column 6: expected ':'"},
                {"dict(a='x)", "column 8: unterminated string"}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> json(bad[0]));
            assertEquals("f.yml: policy_kwargs: cannot read the Python value \"" + bad[0] + "\" at " + bad[1],
                    e.getMessage());
        }
    }

    @Test
    void zooNumbersTaggedFloatReadAsNumbers() throws Exception {
        // The zoo writes n_timesteps: !!float 1e5 because YAML 1.1 reads a bare 1e5 as a string.
        assertEquals(100000.0, ConfigLayers.yaml().readTree("n_timesteps: !!float 1e5").get("n_timesteps")
                .doubleValue());
    }
}
