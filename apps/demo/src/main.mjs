console.log('bw demo: coming soon');
