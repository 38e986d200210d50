{
  # The fused training engine's native addon (N-API, so one build serves Node and Electron).
  # model_impl.h is compiled twice: a baseline build and, on x86-64, an AVX2 + FMA build chosen at
  # run time (dispatch.cc), so a binary built on one machine runs on any x86-64 CPU.
  "variables": {
    "fused_cflags": ["-std=c++17", "-fno-math-errno", "-fvisibility=hidden", "-Wall", "-Wextra", "-Wno-psabi"]
  },
  "target_defaults": {
    "defines": ["NAPI_VERSION=8"],
    "cflags_cc!": ["-fno-exceptions", "-std=gnu++17"],
    "cflags_cc": ["<@(fused_cflags)"],
    "xcode_settings": {
      "GCC_ENABLE_CPP_EXCEPTIONS": "YES",
      "CLANG_CXX_LANGUAGE_STANDARD": "c++17",
      "GCC_OPTIMIZATION_LEVEL": "3",
      "OTHER_CPLUSPLUSFLAGS": ["-fno-math-errno", "-Wno-psabi"]
    }
  },
  "targets": [
    {
      "target_name": "fused_avx2",
      "type": "static_library",
      "conditions": [
        ["target_arch=='x64' and OS!='win'", {
          "sources": ["src/model_avx2.cc"],
          "cflags_cc": ["-mavx2", "-mfma"],
          "xcode_settings": { "OTHER_CPLUSPLUSFLAGS": ["-mavx2", "-mfma"] }
        }]
      ]
    },
    {
      "target_name": "seqvae_fused",
      "dependencies": ["fused_avx2"],
      "sources": ["src/addon.cc", "src/dispatch.cc", "src/layout.cc", "src/model_generic.cc", "src/thread_team.cc"],
      "conditions": [
        ["target_arch=='x64' and OS!='win'", { "defines": ["FUSED_HAVE_AVX2"] }],
        ["OS=='linux'", { "ldflags": ["-pthread"] }]
      ]
    }
  ]
}
