// tsc compiles the TypeScript; the icons (light and dark SVGs) are copied into dist/ beside it.
const { src, dest, task } = require('gulp');

task('build:icons', () =>
	src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}', 'icons/**/*.{png,svg}'], { base: '.', encoding: false }).pipe(dest('dist')),
);
