{
  "targets": [
    {
      "target_name": "filterbank_cpu_kernels",
      "sources": [
        "src/addon.c",
        "src/context.c",
        "src/conv.c",
        "src/elementwise.c",
        "src/implicit.c",
        "src/pool.c",
        "src/resample.c",
        "src/sgemm.c",
        "src/transpose.c",
        "src/ukernels.c",
        "src/ukernels-neon.c",
        "src/winograd.c"
      ],
      "cflags_c": ["-std=gnu11", "-O3", "-fno-math-errno", "-fno-tree-loop-distribute-patterns", "-Wall", "-Wextra", "-Wno-unused-parameter"],
      "cflags!": ["-O2"],
      "libraries": ["-lpthread"],
      "defines": ["NAPI_DISABLE_CPP_EXCEPTIONS"],
      "xcode_settings": {
        "OTHER_CFLAGS": ["-std=gnu11", "-O3"]
      }
    }
  ]
}
