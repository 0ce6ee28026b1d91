/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Origin of the API when the app is not served by the worker, e.g. "https://api.example.no". */
  readonly VITE_API_BASE?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
