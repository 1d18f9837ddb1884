{
  "targets": [
    {
      "target_name": "filterbank_jpeg_draft",
      "sources": ["src/addon.c", "src/exif-orientation.c", "src/jpeg-draft.c"],
      "cflags_c": ["-std=gnu11", "-O2", "-Wall", "-Wextra", "-Wno-unused-parameter"],
      "libraries": ["-ljpeg"],
      "defines": ["NAPI_DISABLE_CPP_EXCEPTIONS"],
      "xcode_settings": {
        "OTHER_CFLAGS": ["-std=gnu11", "-O2"]
      }
    }
  ]
}
