// esbuild bundles the stylesheets the panel imports into dist/media/panel.css
declare module '*.css';
